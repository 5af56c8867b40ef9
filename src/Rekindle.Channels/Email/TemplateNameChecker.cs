using Fluid.Ast;
using Fluid.Values;
using Rekindle.Core.Templates;

namespace Rekindle.Channels.Email;

/// <summary>
/// Walks a parsed Liquid template's syntax tree and reports every variable path the model does not have
/// (<see cref="TemplateModelShape"/>): <c>contact.frist_name</c>, <c>cart.itmes</c>, <c>coupon.code</c> in a step
/// without a coupon. Liquid renders an unknown name as nothing, so without this a typo reaches every recipient unseen.
/// </summary>
/// <remarks>
/// Names a template makes itself are not reported: <c>assign</c>, <c>capture</c>, <c>increment</c>/<c>decrement</c>
/// and macro names anywhere in the template (Liquid's assignments are global), loop variables inside their loop (typed
/// by what they iterate, so <c>item.nmae</c> in <c>for item in cart.items</c> is reported), and <c>forloop</c> /
/// <c>tablerowloop</c>. An index that is not a literal (<c>cart.items[i]</c>) stops the check of that path.
/// </remarks>
internal sealed class TemplateNameChecker : AstVisitor
{
    private readonly ObjectShape _model;
    private readonly HashSet<string> _locals;
    private readonly List<Dictionary<string, TemplateShape>> _loops = [];
    private readonly List<string> _problems = [];

    private TemplateNameChecker(ObjectShape model, HashSet<string> locals)
    {
        _model = model;
        _locals = locals;
    }

    /// <summary>One message per distinct unknown path, in the order they first appear.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<Statement> statements, ObjectShape model)
    {
        var locals = LocalNames.Collect(statements);
        var checker = new TemplateNameChecker(model, locals);
        foreach (var statement in statements)
        {
            checker.Visit(statement);
        }

        return checker._problems;
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        Resolve(memberExpression, report: true);
        // Indexer expressions (cart.items[forloop.index0]) hold member expressions of their own.
        return base.VisitMemberExpression(memberExpression);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        VisitIfAny(forStatement.Source);
        VisitIfAny(forStatement.Range);
        VisitIfAny(forStatement.Limit);
        VisitIfAny(forStatement.Offset);
        VisitLoopBody(forStatement.Identifier, forStatement.Source, forStatement.Statements);
        if (forStatement.Else is not null)
        {
            Visit(forStatement.Else);
        }

        return forStatement;
    }

    protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
    {
        VisitIfAny(tableRowStatement.Source);
        VisitIfAny(tableRowStatement.Limit);
        VisitIfAny(tableRowStatement.Offset);
        VisitIfAny(tableRowStatement.Cols);
        VisitLoopBody(tableRowStatement.Identifier, tableRowStatement.Source, tableRowStatement.Statements);
        return tableRowStatement;
    }

    private void VisitLoopBody(string identifier, Expression? source, IReadOnlyList<Statement> body)
    {
        var element = source is MemberExpression member && Resolve(member, report: false) is ListShape list ? list.Element : TemplateShape.Any;
        _loops.Add(new Dictionary<string, TemplateShape>(StringComparer.Ordinal) { [identifier] = element });
        foreach (var statement in body)
        {
            Visit(statement);
        }

        _loops.RemoveAt(_loops.Count - 1);
    }

    private void VisitIfAny(Expression? expression)
    {
        if (expression is not null)
        {
            Visit(expression);
        }
    }

    /// <summary>The shape at the end of the path; Any once the path leaves what the model describes.</summary>
    private TemplateShape Resolve(MemberExpression expression, bool report)
    {
        if (expression.Segments.Count == 0 || expression.Segments[0] is not IdentifierSegment { Identifier: var root })
        {
            return TemplateShape.Any;
        }

        TemplateShape shape = Root(root, out var known);
        var path = root;
        if (!known)
        {
            Report(report, path, NameSuggestion.Closest(root, _model.Members.Keys));
            return TemplateShape.Any;
        }

        foreach (var segment in expression.Segments.Skip(1))
        {
            if (shape is UnavailableShape)
            {
                path = string.Concat(expression.Segments.Select((s, i) => s is IdentifierSegment id ? (i == 0 ? "" : ".") + id.Identifier : "[…]"));
                break;
            }

            var name = segment switch
            {
                IdentifierSegment identifier => identifier.Identifier,
                IndexerSegment { Expression: LiteralExpression { Value: StringValue text } } => text.ToStringValue(),
                _ => null,
            };
            if (name is null)
            {
                // A numeric index reaches an element; any other index or a call leaves the model's description.
                shape = segment is IndexerSegment { Expression: LiteralExpression { Value: NumberValue } } && shape is ListShape indexed
                    ? indexed.Element
                    : TemplateShape.Any;
                path += "[…]";
                continue;
            }

            var next = Member(shape, name, out var candidates);
            if (next is null)
            {
                Report(report, $"{path}.{name}", candidates is null ? null : NameSuggestion.Closest(name, candidates) is { } close ? $"{path}.{close}" : null);
                return TemplateShape.Any;
            }

            (shape, path) = (next, $"{path}.{name}");
        }

        if (shape is UnavailableShape unavailable && report)
        {
            Add($"{path} is empty here: {unavailable.Reason}");
        }

        return shape;
    }

    private TemplateShape Root(string name, out bool known)
    {
        known = true;
        for (var i = _loops.Count - 1; i >= 0; i--)
        {
            if (_loops[i].TryGetValue(name, out var loopVariable))
            {
                return loopVariable;
            }
        }

        if (_locals.Contains(name) || name is "forloop" or "tablerowloop")
        {
            return TemplateShape.Any;
        }

        if (_model.Members.TryGetValue(name, out var member))
        {
            return member;
        }

        known = false;
        return TemplateShape.Any;
    }

    /// <summary>The member's shape, or null when the shape has no such member (then the names it has, for a suggestion).</summary>
    private static TemplateShape? Member(TemplateShape shape, string name, out IEnumerable<string>? candidates)
    {
        candidates = null;
        switch (shape)
        {
            case AnyShape:
                return TemplateShape.Any;
            case ObjectShape obj:
                candidates = obj.Members.Keys;
                return obj.Members.GetValueOrDefault(name);
            case OpenShape open:
                candidates = open.KnownNames;
                return open.KnownNames.Contains(name) ? TemplateShape.Any : null;
            case ListShape list:
                candidates = ["size", "first", "last"];
                return name switch { "size" => TemplateShape.Value, "first" or "last" => list.Element, _ => null };
            default:
                candidates = ["size"];
                return name == "size" ? TemplateShape.Value : null;
        }
    }

    private void Report(bool report, string path, string? suggestion)
    {
        if (report)
        {
            Add(suggestion is null
                ? $"{path} is not in the template model"
                : $"{path} is not in the template model; did you mean {suggestion}?");
        }
    }

    private void Add(string problem)
    {
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    /// <summary>The names a template assigns anywhere: Liquid's assign, capture, increment and decrement are global.</summary>
    private sealed class LocalNames : AstVisitor
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public static HashSet<string> Collect(IReadOnlyList<Statement> statements)
        {
            var collector = new LocalNames();
            foreach (var statement in statements)
            {
                collector.Visit(statement);
            }

            return collector._names;
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            _names.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            _names.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
        {
            _names.Add(incrementStatement.Identifier);
            return base.VisitIncrementStatement(incrementStatement);
        }

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
        {
            _names.Add(decrementStatement.Identifier);
            return base.VisitDecrementStatement(decrementStatement);
        }

        protected override Statement VisitMacroStatement(MacroStatement macroStatement)
        {
            _names.Add(macroStatement.Identifier);
            foreach (var argument in macroStatement.Arguments)
            {
                _names.Add(argument.Name);
            }

            return base.VisitMacroStatement(macroStatement);
        }
    }
}
