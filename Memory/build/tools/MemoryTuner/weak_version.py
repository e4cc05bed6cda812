"""Marks one version need of an ELF shared library weak (VER_FLG_WEAK), so the loader only warns when the system's
library lacks that version. Used by the MemoryTuner lab (README.md) for TorchSharp on Debian 12; never by the build.
Usage: weak_version.py LIBRARY VERSION"""
import struct, sys
path, want = sys.argv[1], sys.argv[2].encode()
b = bytearray(open(path,'rb').read())
assert b[:4] == b'\x7fELF' and b[4] == 2
e_shoff, = struct.unpack_from('<Q', b, 0x28); e_shentsize, e_shnum, e_shstrndx = struct.unpack_from('<HHH', b, 0x3A)
secs = [struct.unpack_from('<IIQQQQIIQQ', b, e_shoff + i*e_shentsize) for i in range(e_shnum)]
SHT_GNU_verneed = 0x6ffffffe
done = 0
for s in secs:
    if s[1] != SHT_GNU_verneed: continue
    off, link = s[4], s[6]
    stroff = secs[link][4]
    def cstr(o):
        e = b.index(0, stroff+o); return bytes(b[stroff+o:e])
    p = off
    while True:
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from('<HHIII', b, p)
        a = p + vn_aux
        for _ in range(vn_cnt):
            vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from('<IHHII', b, a)
            if cstr(vna_name) == want:
                struct.pack_into('<H', b, a+4, vna_flags | 2); done += 1
                print('weakened', want, 'in', cstr(vn_file))
            if vna_next == 0: break
            a += vna_next
        if vn_next == 0: break
        p += vn_next
open(path,'wb').write(b); print('entries', done)
