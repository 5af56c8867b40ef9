#!/usr/bin/env python3
"""Independent reference figures for the churn backtest (issue 8, item 5).

Standard library only (Python 3.11), no Rekindle code: it reads the raw data files itself, builds the
per-customer purchase days, and for a cut-off day C and an as-of day A (both inclusive) computes

  * customers = those with a purchase day <= C; label = has a purchase day in (C, A];
  * AUC (Mann-Whitney, midranks: a tie between a positive and a negative counts 1/2) of
      recency-only   score = -(C - last purchase day) in days,
      frequency-only score = number of distinct purchase days <= C,
      BG/NBD P(alive) (Fader, Hardie & Lee 2005, eq. 13),
      BG/NBD P(at least one purchase in (C, A]);
  * the Brier score and a decile calibration table of the BG/NBD P(purchase).

BG/NBD is fitted here by maximum likelihood (FHL 2005 eq. 6) with a hand-written Nelder-Mead on the
logarithms of r, alpha, a, b. Time is in weeks: x = distinct purchase days - 1, t_x = (last - first)/7,
T = (C - first)/7, horizon t = (A - C)/7.

Usage:  python3 tests/reference/churn_backtest.py            (from the repository root)
        python3 tests/reference/churn_backtest.py --shared DIR (where the full Online Retail file lives;
                                                                 default ../shared/data)
"""
import argparse
import csv
import gzip
import math
import os
import sys
from datetime import date

# ---------------------------------------------------------------- reading the data


def parse_ymd(text):
    return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def read_cdnow(path):
    """Columns: master id, sample id (the customer), YYYYMMDD, CDs, dollars. Returns {customer: set of days}."""
    days = {}
    with open(path, encoding="ascii") as f:
        for line_no, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 5:
                raise ValueError(f"{path}:{line_no}: expected 5 columns, got {len(parts)}")
            days.setdefault(parts[1], set()).add(parse_ymd(parts[2]).toordinal())
    return days


def read_online_retail(path):
    """A purchase row has a CustomerID, an InvoiceNo not starting with 'C', Quantity > 0 and UnitPrice > 0.
    Its day is the date part of InvoiceDate (YYYY-MM-DD HH:MM:SS, read as is, no time zone)."""
    days = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        i_inv, i_qty, i_date = col["InvoiceNo"], col["Quantity"], col["InvoiceDate"]
        i_price, i_cust = col["UnitPrice"], col["CustomerID"]
        for row in reader:
            customer = row[i_cust].strip()
            if not customer or row[i_inv].startswith("C"):
                continue
            if float(row[i_qty]) <= 0 or float(row[i_price]) <= 0:
                continue
            d = row[i_date]
            day = date(int(d[0:4]), int(d[5:7]), int(d[8:10])).toordinal()
            days.setdefault(customer, set()).add(day)
    return days


# ---------------------------------------------------------------- BG/NBD


def bgnbd_log_likelihood(params, groups, max_x):
    """Sum over customers of ln L (FHL 2005 eq. 6); groups = [(x, t_x, T, count)], x integer <= max_x.

    B(a, b + x) / B(a, b) is taken as the product of (b + i) / (a + b + i) for i < x rather than through lgamma:
    when the fit drives b to millions (Online Retail), lgamma(b + x) - lgamma(b) loses all its digits to
    cancellation and the optimiser would chase that noise."""
    r, alpha, a, b = params
    beta_ratio = [0.0] * (max_x + 1)  # ln B(a, b + x) - ln B(a, b)
    for x in range(1, max_x + 1):
        beta_ratio[x] = beta_ratio[x - 1] - math.log1p(a / (b + x - 1))
    const = r * math.log(alpha) - math.lgamma(r)
    total = 0.0
    for x, tx, T, n in groups:
        head = math.lgamma(r + x) + const + beta_ratio[x]
        l_alive = -(r + x) * math.log(alpha + T)
        if x > 0:
            l_dead = math.log(a) - math.log(b + x - 1) - (r + x) * math.log(alpha + tx)
            m = max(l_alive, l_dead)
            tail = m + math.log(math.exp(l_alive - m) + math.exp(l_dead - m))
        else:
            tail = l_alive
        total += n * (head + tail)
    return total


def nelder_mead(f, x0, step=0.1, f_tol=1e-15, x_tol=1e-10, max_iter=5000):
    """Minimise f from x0: reflection 1, expansion 2, contraction 1/2, shrink 1/2. Stops when the spread of
    f over the simplex falls below f_tol * (1 + |f|) or the simplex's size (largest coordinate distance from the
    best vertex) below x_tol, or after max_iter iterations."""
    n = len(x0)
    simplex = [list(x0)]
    for i in range(n):
        p = list(x0)
        p[i] += step
        simplex.append(p)
    values = [f(p) for p in simplex]
    for _ in range(max_iter):
        order = sorted(range(n + 1), key=lambda k: values[k])
        simplex = [simplex[k] for k in order]
        values = [values[k] for k in order]
        size = max(max(abs(p[j] - simplex[0][j]) for j in range(n)) for p in simplex[1:])
        if values[-1] - values[0] <= f_tol * (1 + abs(values[0])) or size <= x_tol:
            break
        centroid = [sum(p[j] for p in simplex[:-1]) / n for j in range(n)]
        worst = simplex[-1]
        reflected = [centroid[j] + (centroid[j] - worst[j]) for j in range(n)]
        fr = f(reflected)
        if fr < values[0]:
            expanded = [centroid[j] + 2 * (centroid[j] - worst[j]) for j in range(n)]
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            if fr < values[-1]:
                contracted = [centroid[j] + 0.5 * (reflected[j] - centroid[j]) for j in range(n)]
            else:
                contracted = [centroid[j] + 0.5 * (worst[j] - centroid[j]) for j in range(n)]
            fc = f(contracted)
            if fc < min(fr, values[-1]):
                simplex[-1], values[-1] = contracted, fc
            else:
                best = simplex[0]
                simplex = [best] + [[best[j] + 0.5 * (p[j] - best[j]) for j in range(n)] for p in simplex[1:]]
                values = [values[0]] + [f(p) for p in simplex[1:]]
    k = min(range(n + 1), key=lambda i: values[i])
    return simplex[k], values[k]


def maximise(log_likelihood, n):
    """Maximum likelihood on log parameters, starting at all parameters = 1: Nelder-Mead, restarted from its own
    result until it stops improving (a single run can stall in a flat valley)."""
    def negative(logp):
        if max(logp) > 30 or min(logp) < -30:
            return math.inf
        return -log_likelihood([math.exp(v) for v in logp])

    point, value = [0.0] * n, negative([0.0] * n)
    for _ in range(20):
        new_point, new_value = nelder_mead(negative, point, step=0.1)
        improved = value - new_value > 1e-10
        point, value = new_point, new_value
        if not improved:
            break
    return [math.exp(v) for v in point], -value


def group(summaries):
    counts = {}
    for s in summaries:
        counts[s] = counts.get(s, 0) + 1
    return [(x, tx, T, n) for (x, tx, T), n in counts.items()]


def fit_bgnbd(summaries):
    groups = group(summaries)
    max_x = max(g[0] for g in groups)
    return maximise(lambda p: bgnbd_log_likelihood(p, groups, max_x), 4)


def fit_nbd(summaries):
    """The NBD (Poisson purchases, gamma heterogeneity, nobody drops out): BG/NBD's limit as a / (a + b) -> 0."""
    groups = group(summaries)

    def log_likelihood(params):
        r, alpha = params
        const = r * math.log(alpha) - math.lgamma(r)
        return sum(n * (math.lgamma(r + x) + const - (r + x) * math.log(alpha + T)) for x, _, T, n in groups)
    return maximise(log_likelihood, 2)


def p_alive(params, x, tx, T):
    """FHL 2005 eq. 13: 1 for x = 0 (dropout only happens right after a purchase)."""
    r, alpha, a, b = params
    if x == 0:
        return 1.0
    ratio = math.exp((r + x) * (math.log(alpha + T) - math.log(alpha + tx)))
    return 1.0 / (1.0 + a / (b + x - 1) * ratio)


def p_purchase(params, x, tx, T, t):
    """P(at least one purchase in (T, T + t]): alive, and the first event of a Poisson process whose rate has
    the posterior Gamma(r + x, alpha + T) falls within t."""
    r, alpha, _, _ = params
    return p_alive(params, x, tx, T) * (1.0 - ((alpha + T) / (alpha + T + t)) ** (r + x))


# ---------------------------------------------------------------- Pareto/NBD at given parameters


def simpson(f, lo, hi, n=400):
    if hi <= lo:
        return 0.0
    h = (hi - lo) / n
    total = f(lo) + f(hi)
    for i in range(1, n):
        total += f(lo + i * h) * (4 if i % 2 else 2)
    return total * h / 3


def pareto_alive_and_purchase(params, x, tx, T, t):
    """P(alive) and P(a purchase in (T, T + t]) under Pareto/NBD, by one-dimensional integrals.

    With lambda ~ Gamma(r, alpha) and mu ~ Gamma(s, beta), the likelihood of (x, t_x, T) is the "alive at T" part
    lambda^x e^-(lambda+mu)T plus the "died at tau in (t_x, T]" part integrated over tau; taking expectations over
    the priors turns each into powers of (alpha + .) and (beta + .), and the second into an integral over tau. Given
    alive at T, lambda ~ Gamma(r + x, alpha + T), mu ~ Gamma(s, beta + T), and P(first purchase before dropout
    within t) = E[lambda (1 - e^-(lambda+mu)t) / (lambda + mu)] = int_0^t E[lambda e^-lambda u] E[e^-mu u] du.
    Common factors (Gamma(r+x)/Gamma(r) alpha^r beta^s) cancel in P(alive) and are left out.
    """
    r, alpha, s, beta = params
    alive = (alpha + T) ** -(r + x) * (beta + T) ** -s
    died = simpson(lambda tau: (alpha + tau) ** -(r + x) * s * (beta + tau) ** -(s + 1), tx, T)
    p_alive_ = alive / (alive + died)
    a1, b1, b2 = r + x, alpha + T, beta + T
    given_alive = simpson(lambda u: (a1 / b1) * (b1 / (b1 + u)) ** (a1 + 1) * (b2 / (b2 + u)) ** s, 0, t)
    return p_alive_, p_alive_ * given_alive


# ---------------------------------------------------------------- measures


def auc(scores, labels):
    """Mann-Whitney AUC with midranks (exact float ties share their average rank)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        mid = (i + j) / 2 + 1  # ranks are 1-based
        for k in range(i, j + 1):
            ranks[order[k]] = mid
        i = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    rank_sum = sum(rk for rk, y in zip(ranks, labels) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def deciles(ids, predictions, labels):
    """Stable sort by prediction ascending, then customer id as text; 10 groups whose sizes differ by at most
    one, the first n % 10 groups taking one extra customer."""
    order = sorted(range(len(ids)), key=lambda i: (predictions[i], ids[i]))
    n = len(order)
    rows, start = [], 0
    for g in range(10):
        size = n // 10 + (1 if g < n % 10 else 0)
        chunk = order[start:start + size]
        start += size
        rows.append((g + 1, size, sum(predictions[i] for i in chunk) / size, sum(labels[i] for i in chunk) / size))
    return rows


# ---------------------------------------------------------------- the backtest


def backtest(name, days_by_customer, cutoff, as_of, pareto_params=None):
    c, a = cutoff.toordinal(), as_of.toordinal()
    horizon_weeks = (a - c) / 7
    ids, labels, recency, frequency, summaries = [], [], [], [], []
    for customer in sorted(days_by_customer):
        days = days_by_customer[customer]
        before = [d for d in days if d <= c]
        if not before:
            continue
        first, last = min(before), max(before)
        ids.append(customer)
        labels.append(1 if any(c < d <= a for d in days) else 0)
        recency.append(-(c - last))
        frequency.append(len(before))
        summaries.append((len(before) - 1, (last - first) / 7, (c - first) / 7))

    params, ll = fit_bgnbd(summaries)
    alive = [p_alive(params, *s) for s in summaries]
    buy = [p_purchase(params, *s, horizon_weeks) for s in summaries]
    n, pos = len(ids), sum(labels)
    brier = sum((p - y) ** 2 for p, y in zip(buy, labels)) / n

    print(f"== {name}")
    print(f"cut-off {cutoff.isoformat()}, as-of {as_of.isoformat()}, window {a - c} days = {horizon_weeks:.6f} weeks")
    print(f"customers at cut-off      {n}")
    print(f"positives (bought in window) {pos}")
    print(f"base rate                 {pos / n:.6f}")
    print(f"repeat buyers (x > 0)     {sum(1 for s in summaries if s[0] > 0)}")
    print(f"BG/NBD fit: r {params[0]:.6f}  alpha {params[1]:.6f}  a {params[2]:.6f}  b {params[3]:.6f}  "
          f"log-likelihood {ll:.6f}")
    nbd, nbd_ll = fit_nbd(summaries)
    print(f"NBD fit (no dropout): r {nbd[0]:.6f}  alpha {nbd[1]:.6f}  log-likelihood {nbd_ll:.6f}")
    print(f"AUC recency-only          {auc(recency, labels):.6f}")
    print(f"AUC frequency-only        {auc(frequency, labels):.6f}")
    print(f"AUC BG/NBD P(alive)       {auc(alive, labels):.6f}")
    print(f"AUC BG/NBD P(purchase)    {auc(buy, labels):.6f}")
    if params[3] > 1e6:
        # The fit ran to the boundary a / (a + b) -> 0 (nobody drops out; the NBD above). There every P(alive)
        # tends to 1 and its AUC to 0.5; at any large finite b, P(alive) ranks one-time buyers first and repeat
        # buyers by ((alpha + T) / (alpha + t_x))^(r + x) descending, until doubles round P(alive) to 1.
        r, alpha = nbd
        limit = [math.inf if x == 0 else -(r + x) * math.log((alpha + T) / (alpha + tx)) for x, tx, T in summaries]
        print(f"AUC P(alive) ranking as b -> infinity (NBD r, alpha) {auc(limit, labels):.6f}")
    print(f"Brier BG/NBD P(purchase)  {brier:.6f}")
    print(f"mean BG/NBD P(purchase)   {sum(buy) / n:.6f}")
    if pareto_params is not None:
        both = [pareto_alive_and_purchase(pareto_params, *s, horizon_weeks) for s in summaries]
        p_buy = [b for _, b in both]
        print(f"Pareto/NBD at r, alpha, s, beta = {', '.join(str(v) for v in pareto_params)} (FHL 2005, published):")
        print(f"AUC Pareto/NBD P(alive)   {auc([a for a, _ in both], labels):.6f}")
        print(f"AUC Pareto/NBD P(purchase) {auc(p_buy, labels):.6f}")
        print(f"Brier Pareto/NBD P(purchase) {sum((p - y) ** 2 for p, y in zip(p_buy, labels)) / n:.6f}")
    print("calibration of BG/NBD P(purchase) by decile (ascending prediction):")
    print("decile  customers  mean_prediction  actual_share")
    for g, size, mean_p, share in deciles(ids, buy, labels):
        print(f"{g:6d}  {size:9d}  {mean_p:15.6f}  {share:12.6f}")
    print()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.path.join(repo, "..", "shared", "data"),
                        help="folder holding online_retail/online_retail.csv.gz (default ../shared/data)")
    args = parser.parse_args()

    backtest("CDNOW sample (samples/cdnow-sample.txt)",
             read_cdnow(os.path.join(repo, "samples", "cdnow-sample.txt")),
             date(1997, 9, 30), date(1998, 6, 30), pareto_params=(0.553, 10.578, 0.606, 11.669))
    full = os.path.join(args.shared, "online_retail", "online_retail.csv.gz")
    if os.path.exists(full):
        backtest("Online Retail, full (online_retail.csv.gz)", read_online_retail(full),
                 date(2011, 9, 10), date(2011, 12, 10))
    else:
        print(f"== Online Retail, full: skipped, {full} not found\n")
    backtest("Online Retail sample (samples/online-retail-sample.csv.gz)",
             read_online_retail(os.path.join(repo, "samples", "online-retail-sample.csv.gz")),
             date(2011, 9, 10), date(2011, 12, 10))


if __name__ == "__main__":
    sys.exit(main())
