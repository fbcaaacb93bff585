import json,re
t=open('/tmp/h2/template.hpp').read()
sec=json.load(open('/tmp/h2/sec.json'))
def rep(m):
    k=m.group(1); v=sec[k]
    if len(v)==1 and v[0].startswith('{'): return v[0].rstrip(',')
    return '\n'.join('    '+x for x in v)
t=re.sub(r'@@(.*?)@@', rep, t)
open('/work/main/include/tapeless/detail/constexpr_special.hpp','w').write(t)
