import mpmath as mp
mp.mp.prec=400
def K(x,M):
    f=mp.mpf(x)
    for n in range(M,0,-1):
        f = x + mp.mpf(n)/2/f
    return 1/f
for x in [2,2.5,3,4,5,6,8,10,15,27]:
    x=mp.mpf(x)
    ref = mp.erfc(x)*mp.exp(x*x)*mp.sqrt(mp.pi)
    for M in range(1,5000):
        if abs(K(x,M)/ref-1) < mp.mpf(2)**-115: break
    print(float(x), M, M*float(x)**2)
