// coefficient generator (scratch)
#include <mpfr.h>
#include <cstdio>
#include <vector>
#include <functional>
const int P = 400;
struct M { mpfr_t v; M(){mpfr_init2(v,P); mpfr_set_ui(v,0,MPFR_RNDN);} ~M(){mpfr_clear(v);} M(const M&o){mpfr_init2(v,P);mpfr_set(v,o.v,MPFR_RNDN);} M&operator=(const M&o){mpfr_set(v,o.v,MPFR_RNDN);return *this;} };
void print3(const char* name, mpfr_t x) {
  M r; mpfr_set(r.v, x, MPFR_RNDN); double d[3];
  for (int i=0;i<3;++i){ d[i]=mpfr_get_d(r.v,MPFR_RNDN); mpfr_sub_d(r.v,r.v,d[i],MPFR_RNDN);}
  printf("%s{%a, %a, %a},\n", name, d[0], d[1], d[2]);
}
void printL(mpfr_t x) { mpfr_printf("%.36Re", x); }
// Bernoulli B_{2k} via mpfr_zeta: B_2k = (-1)^{k+1} 2 (2k)! zeta(2k) / (2pi)^{2k}
void bern(M& out, int k) {
  M z, f, pi2; mpfr_zeta_ui(z.v, 2*k, MPFR_RNDN); mpfr_fac_ui(f.v, 2*k, MPFR_RNDN);
  mpfr_const_pi(pi2.v, MPFR_RNDN); mpfr_mul_ui(pi2.v, pi2.v, 2, MPFR_RNDN); mpfr_pow_ui(pi2.v, pi2.v, 2*k, MPFR_RNDN);
  mpfr_mul(out.v, z.v, f.v, MPFR_RNDN); mpfr_mul_ui(out.v, out.v, 2, MPFR_RNDN); mpfr_div(out.v, out.v, pi2.v, MPFR_RNDN);
  if (k % 2 == 0) mpfr_neg(out.v, out.v, MPFR_RNDN);
}
// Chebyshev interpolation of f on [a,b] with n+1 nodes, returned as monomial coeffs in (x - c)
std::vector<M> cheb_mono(std::function<void(M&, const M&)> f, double a, double b, int n, const M& c) {
  std::vector<M> fv(n+1), ck(n+1);
  M pi; mpfr_const_pi(pi.v, MPFR_RNDN);
  std::vector<M> xs(n+1);
  for (int j=0;j<=n;++j){ M th; mpfr_mul_ui(th.v, pi.v, 2*j+1, MPFR_RNDN); mpfr_div_ui(th.v, th.v, 2*(n+1), MPFR_RNDN); M u; mpfr_cos(u.v, th.v, MPFR_RNDN);
    M x; mpfr_mul_d(x.v, u.v, (b-a)/2, MPFR_RNDN); mpfr_add_d(x.v, x.v, (a+b)/2, MPFR_RNDN); f(fv[j], x); }
  for (int k=0;k<=n;++k){ M s; for(int j=0;j<=n;++j){ M th; mpfr_mul_ui(th.v, pi.v, k*(2*j+1), MPFR_RNDN); mpfr_div_ui(th.v, th.v, 2*(n+1), MPFR_RNDN); mpfr_cos(th.v, th.v, MPFR_RNDN); mpfr_mul(th.v, th.v, fv[j].v, MPFR_RNDN); mpfr_add(s.v, s.v, th.v, MPFR_RNDN);} 
    mpfr_mul_ui(s.v, s.v, (k==0?1:2), MPFR_RNDN); mpfr_div_ui(s.v, s.v, n+1, MPFR_RNDN); ck[k]=s; }
  // T_k(u) polynomials in u, u = alpha*(x - c) + beta, alpha=2/(b-a), beta = (2c - a - b)/(b-a)
  std::vector<std::vector<M>> Tk(n+1, std::vector<M>(n+1));
  M alpha, beta; mpfr_set_d(alpha.v, 2.0/(b-a), MPFR_RNDN); // assumes exact enough
  mpfr_mul_ui(beta.v, c.v, 2, MPFR_RNDN); mpfr_sub_d(beta.v, beta.v, a+b, MPFR_RNDN); mpfr_div_d(beta.v, beta.v, b-a, MPFR_RNDN);
  mpfr_set_ui(Tk[0][0].v,1,MPFR_RNDN);
  if(n>=1){ Tk[1][0]=beta; Tk[1][1]=alpha; }
  for(int k=2;k<=n;++k) for(int i=0;i<=k;++i){ M t; // T_k = 2 u T_{k-1} - T_{k-2}
      if(i>0){ mpfr_mul(t.v, alpha.v, Tk[k-1][i-1].v, MPFR_RNDN); }
      M t2; mpfr_mul(t2.v, beta.v, Tk[k-1][i].v, MPFR_RNDN); mpfr_add(t.v,t.v,t2.v,MPFR_RNDN); mpfr_mul_ui(t.v,t.v,2,MPFR_RNDN);
      mpfr_sub(t.v,t.v,Tk[k-2][i].v,MPFR_RNDN); Tk[k][i]=t; }
  std::vector<M> mono(n+1);
  for(int k=0;k<=n;++k) for(int i=0;i<=k;++i){ M t; mpfr_mul(t.v, ck[k].v, Tk[k][i].v, MPFR_RNDN); mpfr_add(mono[i].v, mono[i].v, t.v, MPFR_RNDN);}
  fprintf(stderr, "last cheb coeffs: "); for(int k=n-3;k<=n;++k) mpfr_fprintf(stderr, "%.3Re ", ck[k].v); fprintf(stderr,"\n");
  return mono;
}
int main() {
  M x0; // root of digamma
  { mpfr_set_d(x0.v, 1.4616321449683622, MPFR_RNDN); for(int it=0;it<8;++it){ M f, d; mpfr_digamma(f.v,x0.v,MPFR_RNDN);
      // derivative via trigamma ~ numeric: use small h
      M h, xp, fp; mpfr_set_d(h.v, 1e-60, MPFR_RNDN); mpfr_add(xp.v,x0.v,h.v,MPFR_RNDN); mpfr_digamma(fp.v,xp.v,MPFR_RNDN);
      mpfr_sub(d.v,fp.v,f.v,MPFR_RNDN); mpfr_div(d.v,d.v,h.v,MPFR_RNDN); mpfr_div(f.v,f.v,d.v,MPFR_RNDN); mpfr_sub(x0.v,x0.v,f.v,MPFR_RNDN);} }
  printf("// x0\n"); print3("", x0.v);
  M c; mpfr_const_pi(c.v, MPFR_RNDN); printf("// pi\n"); print3("", c.v);
  M l; mpfr_log(l.v, c.v, MPFR_RNDN); printf("// log pi\n"); print3("", l.v);
  mpfr_mul_ui(l.v, c.v, 2, MPFR_RNDN); mpfr_log(l.v, l.v, MPFR_RNDN); mpfr_div_ui(l.v,l.v,2,MPFR_RNDN); printf("// log(2pi)/2\n"); print3("", l.v);
  mpfr_sqrt(l.v, c.v, MPFR_RNDN); mpfr_ui_div(l.v, 2, l.v, MPFR_RNDN); printf("// 2/sqrt(pi)\n"); print3("", l.v);
  mpfr_div_ui(l.v, l.v, 2, MPFR_RNDN); printf("// 1/sqrt(pi)\n"); print3("", l.v);
  printf("// Stirling B2k/(2k(2k-1)), k=1..32\n");
  for (int k=1;k<=32;++k){ M b; bern(b,k); mpfr_div_ui(b.v,b.v,2*k*(2*k-1),MPFR_RNDN); print3("", b.v); }
  printf("// B2k/(2k), k=1..13\n");
  for (int k=1;k<=13;++k){ M b; bern(b,k); mpfr_div_ui(b.v,b.v,2*k,MPFR_RNDN); printL(b.v); printf("L,\n"); }
  printf("// B2k, k=1..13\n");
  for (int k=1;k<=13;++k){ M b; bern(b,k); printL(b.v); printf("L,\n"); }
  printf("// (-1)^k pi^(2k+1)/(2k+1)!, k=0..12\n");
  for (int k=0;k<=12;++k){ M b; mpfr_pow_ui(b.v, c.v, 2*k+1, MPFR_RNDN); M f; mpfr_fac_ui(f.v,2*k+1,MPFR_RNDN); mpfr_div(b.v,b.v,f.v,MPFR_RNDN); if(k%2) mpfr_neg(b.v,b.v,MPFR_RNDN); printL(b.v); printf("L,\n"); }
  printf("// (-1)^k pi^(2k)/(2k)!, k=0..12\n");
  for (int k=0;k<=12;++k){ M b; mpfr_pow_ui(b.v, c.v, 2*k, MPFR_RNDN); M f; mpfr_fac_ui(f.v,2*k,MPFR_RNDN); mpfr_div(b.v,b.v,f.v,MPFR_RNDN); if(k%2) mpfr_neg(b.v,b.v,MPFR_RNDN); printL(b.v); printf("L,\n"); }
  for (int deg : {22, 27}) {
    auto g = [&](M& out, const M& x){ M t; mpfr_sub(t.v, x.v, x0.v, MPFR_RNDN); mpfr_digamma(out.v, x.v, MPFR_RNDN); mpfr_div(out.v,out.v,t.v,MPFR_RNDN); };
    auto mono = cheb_mono(g, 1.0, 2.0, deg, x0);
    printf("// A: psi(x0+t)/t on [1,2], degree %d\n", deg);
    for (auto& m : mono){ printL(m.v); printf("L,\n"); }
  }
  for (int deg : {17, 21}) {
    auto g = [&](M& out, const M& x){ mpfr_digamma(out.v, x.v, MPFR_RNDN); };
    M cc; mpfr_set_d(cc.v, 2.5, MPFR_RNDN);
    auto mono = cheb_mono(g, 2.0, 3.0, deg, cc);
    printf("// B: psi(2.5+s) on [2,3], degree %d\n", deg);
    for (auto& m : mono){ printL(m.v); printf("L,\n"); }
  }
}
// appended: separate main for sin^2 coefficients
