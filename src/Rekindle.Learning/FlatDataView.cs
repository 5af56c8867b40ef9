using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rekindle.Learning;

/// <summary>
/// A <see cref="FeatureTable"/> (and optionally its labels) seen as an ML.NET <see cref="IDataView"/> without a
/// managed object per row: the cursor copies each row's slice of the flat array into the one buffer ML.NET
/// hands it back. Columns: <c>Features</c> (a float vector of the table's width) and, when labels are given,
/// <c>Label</c> (boolean).
/// </summary>
internal sealed class FlatDataView : IDataView
{
    internal const string FeaturesColumn = "Features";
    internal const string LabelColumn = "Label";

    private readonly FeatureTable _table;
    private readonly bool[]? _labels;

    internal FlatDataView(FeatureTable table, bool[]? labels)
    {
        _table = table;
        _labels = labels;
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, table.Names.Count));
        if (labels is not null)
            schema.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        Schema = schema.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _table.Rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this);

    // One cursor keeps the rows in order, which is what lets predictions come back in row order.
    public DataViewRowCursor[] GetRowCursorSet(
        IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(FlatDataView view) : DataViewRowCursor
    {
        private readonly int _width = view._table.Names.Count;
        private int _row = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _row;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            if (_row < view._table.Rows)
                _row++;
            return _row < view._table.Rows;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = column.Name switch
            {
                FeaturesColumn => (ValueGetter<VBuffer<float>>)GetFeatures,
                LabelColumn when view._labels is not null => (ValueGetter<bool>)GetLabel,
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "No such column."),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' is of type {column.Type}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);

        private void GetFeatures(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, _width);
            view._table.Values.AsSpan(_row * _width, _width).CopyTo(editor.Values);
            value = editor.Commit();
        }

        private void GetLabel(ref bool value) => value = view._labels![_row];
    }
}
