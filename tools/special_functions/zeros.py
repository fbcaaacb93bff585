import mpmath as mp
mp.mp.prec = 300
def lg(x): return mp.log(abs(mp.gamma(x)))
def parts(c, k=3):
    out=[]
    for i in range(k):
        d=float(c); out.append(d); c-=mp.mpf(d)
    return '{' + ', '.join(x.hex() for x in out) + '}'
rows=[]
for n in range(2, 10):
    a, b = mp.mpf(-n-1), mp.mpf(-n)
    m = mp.findroot(mp.digamma, (a+mp.mpf('1e-30'), b-mp.mpf('1e-30')), solver='bisect') if False else None
    # bisection for digamma root (psi increasing on each interval)
    lo, hi = a + mp.mpf(10)**-50, b - mp.mpf(10)**-50
    for _ in range(400):
        mid=(lo+hi)/2
        if mp.digamma(mid) < 0: lo = mid
        else: hi = mid
    m = lo
    assert lg(m) < 0, (n, lg(m))
    for (l, h) in [(a, m), (m, b)]:
        # lg is +inf at integer ends, negative at m
        lo, hi = (l + mp.mpf(10)**-60, m) if l == a else (m, h - mp.mpf(10)**-60)
        flo = lg(lo)
        for _ in range(600):
            mid=(lo+hi)/2
            if (lg(mid) > 0) == (flo > 0): lo = mid
            else: hi = mid
        z = lo
        d1 = mp.digamma(z); d2 = mp.polygamma(1, z)/2; d3 = mp.polygamma(2, z)/6; d4 = mp.polygamma(3, z)/24
        rows.append((z, d1, d2, d3, d4))
for r in rows:
    print('    {' + ', '.join(parts(c) for c in r) + '},')
print(len(rows))
for r in rows: print(mp.nstr(r[0], 20), mp.nstr(r[1],5))
