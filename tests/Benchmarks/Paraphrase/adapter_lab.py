#!/usr/bin/env python3
# Query-adapter lab (issue 13 items 2 and 6; tried, not kept; docs/memory-retrieval.md "Raising the dense side").
# A linear map W (384x384, started at the identity, pulled back to it by lam*||W-I||^2) applied to the query vector
# only (memories stay as stored), trained with a softmax loss (temperature tau) over each user's memories on the
# paraphrase dev pairs and LoCoMo dev questions, scored by two-fold cross-validation: paraphrase dev split by domain
# (alternate domains) and LoCoMo dev by conversation (26 / 30); each fold trains on one half and scores the other.
# Vectors come from the shipped MiniLM: `dotnet run -c Release --project tests/Benchmarks -- adapter-export DIR
# ../shared/data/locomo-dev`, then `ADAPTER_DATA=DIR python3 tests/Benchmarks/Paraphrase/adapter_lab.py LAMS TAUS STEPS`
# (e.g. 0.01,0.1,1,10 0.05,0.1 100; needs numpy: Debian's python3-numpy).
import os
import json, numpy as np, sys
D=os.environ.get('ADAPTER_DATA','/tmp/adapter').rstrip('/')+'/'
def para(name):
    j=json.load(open(D+f'para-{name}.json'))
    return dict(M=np.array(j['memories'],np.float32), Q=np.array(j['questions'],np.float32), pos=[[t] for t in j['targets']], dom=j['domains'])
def locomo(name):
    out=[]
    for c in json.load(open(D+f'locomo-{name}.json')):
        out.append(dict(M=np.array(c['memories'],np.float32), Q=np.array(c['questions'],np.float32), pos=c['positives'], id=c['id']))
    return out
def subset(g, idx):
    return dict(M=g['M'], Q=g['Q'][idx], pos=[g['pos'][i] for i in idx])
def apply(W,Q):
    U=Q@W.T; return U/np.linalg.norm(U,axis=1,keepdims=True)
def evaluate(W, g, k):
    S=apply(W,g['Q'])@g['M'].T
    hits=0; n=0
    for i,p in enumerate(g['pos']):
        if not p: 
            n+=1; continue  # unreachable counts as miss
        top=np.argsort(-S[i])[:k]
        hits+= any(t in p for t in top); n+=1
    return hits/n
def train(groups, lam, tau, steps, lr=1e-3, rank=None, weights=None):
    d=groups[0]['M'].shape[1]
    W=np.eye(d,dtype=np.float64)
    m=np.zeros_like(W); v=np.zeros_like(W)
    for t in range(1,steps+1):
        G=2*lam*(W-np.eye(d)); total=0
        for gi,g in enumerate(groups):
            w = 1.0 if weights is None else weights[gi]
            Q=g['Q'].astype(np.float64); M=g['M'].astype(np.float64)
            U=Q@W.T; n=np.linalg.norm(U,axis=1,keepdims=True); Qp=U/n
            S=Qp@M.T/tau
            S-=S.max(axis=1,keepdims=True); E=np.exp(S); P=E/E.sum(axis=1,keepdims=True)
            # target distribution over positives proportional to model probs
            T=np.zeros_like(P)
            valid=[]
            for i,p in enumerate(g['pos']):
                if p:
                    pp=P[i,p]; T[i,p]=pp/pp.sum(); valid.append(i)
            valid=np.array(valid)
            dS=(P-T)[valid]/tau/len(valid)*w   # dL/ds
            dQp=dS@M                           # dL/dq'
            qv=Qp[valid]; nv=n[valid]
            dU=(dQp-(np.sum(dQp*qv,axis=1,keepdims=True))*qv)/nv
            G+=dU.T@Q[valid]
        m=0.9*m+0.1*G; v=0.999*v+0.001*G*G
        W-=lr*(m/(1-0.9**t))/(np.sqrt(v/(1-0.999**t))+1e-8)
    return W.astype(np.float32)

# ---- cross-validation ----
pd=para('dev'); ld=locomo('locomo-dev')
doms=sorted(set(pd['dom'])); 
foldA=[i for i,x in enumerate(pd['dom']) if doms.index(x)%2==0]; foldB=[i for i,x in enumerate(pd['dom']) if doms.index(x)%2==1]
I=np.eye(384,dtype=np.float32)
print('identity: para A %.3f B %.3f | locomo26 r10 %.3f 30 %.3f' % (evaluate(I,subset(pd,foldA),1),evaluate(I,subset(pd,foldB),1),evaluate(I,ld[0],10),evaluate(I,ld[1],10)))
for lam in [float(x) for x in sys.argv[1].split(',')]:
  for tau in [float(x) for x in sys.argv[2].split(',')]:
    for steps in [int(x) for x in sys.argv[3].split(',')]:
        # fold 1: train on para A + locomo 26, test on para B + locomo 30; fold 2 reverse
        W1=train([subset(pd,foldA), ld[0]], lam, tau, steps)
        W2=train([subset(pd,foldB), ld[1]], lam, tau, steps)
        print('lam %g tau %g steps %d: para B %.3f A %.3f | locomo30 r10 %.3f 26 %.3f | dW %.2f' % (lam,tau,steps, evaluate(W1,subset(pd,foldB),1), evaluate(W2,subset(pd,foldA),1), evaluate(W1,ld[1],10), evaluate(W2,ld[0],10), np.linalg.norm(W1-I)), flush=True)
