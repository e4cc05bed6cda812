"""Writes canonical-decompositions.txt: the full canonical (NFD) decomposition of every code point that has one,
except the Hangul syllables (decomposed arithmetically in code). Read by BertTextCleaner so that accent stripping
works the same whether or not the host has ICU (.NET's invariant globalization mode cannot normalise non-ASCII).

Usage: python3 make_canonical_decompositions.py > canonical-decompositions.txt
"""
import unicodedata

print(f"# Canonical decompositions, Unicode {unicodedata.unidata_version}: code point, then its NFD, in hex.")
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
        continue
    decomposed = unicodedata.normalize("NFD", chr(cp))
    if decomposed != chr(cp):
        print(" ".join(f"{ord(c):X}" for c in [chr(cp), *decomposed]))
