namespace Memory.Text;

/// <summary>The Porter (1980) suffix-stripping stemmer for English, as in Martin Porter's reference
/// implementation: "connections", "connected" and "connecting" all become "connect". Words that are not plain
/// a-z (digits, other scripts) are returned unchanged. Changing it changes the hash embedding (see
/// <c>HashEmbeddingGenerator.ModelIdPrefix</c>).</summary>
internal static class PorterStemmer
{
    /// <summary>Stems one lower-case word.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 2 || !IsPlainLowerAscii(word))
        {
            return word;
        }

        var state = new State(word);
        state.Step1ab();
        if (state.K > 0)
        {
            state.Step1c();
            state.Step2();
            state.Step3();
            state.Step4();
            state.Step5();
        }

        return state.Result();
    }

    private static bool IsPlainLowerAscii(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private sealed class State(string word)
    {
        private readonly char[] _b = word.ToCharArray();
        private int _j;

        /// <summary>Index of the last character of the current stem.</summary>
        public int K { get; private set; } = word.Length - 1;

        public string Result() => new(_b, 0, K + 1);

        private bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>The number of vowel-consonant sequences in b[0..j].</summary>
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > _j) return n;
                if (!IsConsonant(i)) break;
                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j) return n;
                    if (IsConsonant(i)) break;
                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > _j) return n;
                    if (!IsConsonant(i)) break;
                    i++;
                }

                i++;
            }
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i)) return true;
            }

            return false;
        }

        private bool DoubleConsonant(int j) => j >= 1 && _b[j] == _b[j - 1] && IsConsonant(j);

        /// <summary>consonant-vowel-consonant ending at i, the last not w, x or y (as in "hop", not "snow").</summary>
        private bool Cvc(int i)
        {
            if (i < 2 || !IsConsonant(i) || IsConsonant(i - 1) || !IsConsonant(i - 2)) return false;
            return _b[i] is not ('w' or 'x' or 'y');
        }

        private bool Ends(string s)
        {
            var length = s.Length;
            if (length > K + 1 || s[length - 1] != _b[K]) return false; // length first: K may be 0
            for (var i = 0; i < length; i++)
            {
                if (_b[K - length + 1 + i] != s[i]) return false;
            }

            _j = K - length;
            return true;
        }

        private void SetTo(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                _b[_j + 1 + i] = s[i];
            }

            K = _j + s.Length;
        }

        private void ReplaceIfMeasured(string s)
        {
            if (Measure() > 0) SetTo(s);
        }

        /// <summary>Plurals and -ed/-ing.</summary>
        public void Step1ab()
        {
            if (_b[K] == 's')
            {
                if (Ends("sses")) K -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (K >= 1 && _b[K - 1] != 's') K--;
            }

            if (Ends("eed"))
            {
                if (Measure() > 0) K--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleConsonant(K))
                {
                    K--;
                    if (_b[K] is 'l' or 's' or 'z') K++;
                }
                else if (MeasureOfWholeStem() == 1 && Cvc(K))
                {
                    _j = K;
                    SetTo("e");
                }
            }
        }

        private int MeasureOfWholeStem()
        {
            _j = K;
            return Measure();
        }

        /// <summary>Terminal y to i when there is another vowel in the stem.</summary>
        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) _b[K] = 'i';
        }

        /// <summary>Double suffixes to single ones: -ization to -ize, -ational to -ate, ...</summary>
        public void Step2()
        {
            if (K < 1) return;
            switch (_b[K - 1])
            {
                case 'a':
                    if (Ends("ational")) { ReplaceIfMeasured("ate"); break; }
                    if (Ends("tional")) { ReplaceIfMeasured("tion"); }
                    break;
                case 'c':
                    if (Ends("enci")) { ReplaceIfMeasured("ence"); break; }
                    if (Ends("anci")) { ReplaceIfMeasured("ance"); }
                    break;
                case 'e':
                    if (Ends("izer")) { ReplaceIfMeasured("ize"); }
                    break;
                case 'l':
                    if (Ends("bli")) { ReplaceIfMeasured("ble"); break; }
                    if (Ends("alli")) { ReplaceIfMeasured("al"); break; }
                    if (Ends("entli")) { ReplaceIfMeasured("ent"); break; }
                    if (Ends("eli")) { ReplaceIfMeasured("e"); break; }
                    if (Ends("ousli")) { ReplaceIfMeasured("ous"); }
                    break;
                case 'o':
                    if (Ends("ization")) { ReplaceIfMeasured("ize"); break; }
                    if (Ends("ation")) { ReplaceIfMeasured("ate"); break; }
                    if (Ends("ator")) { ReplaceIfMeasured("ate"); }
                    break;
                case 's':
                    if (Ends("alism")) { ReplaceIfMeasured("al"); break; }
                    if (Ends("iveness")) { ReplaceIfMeasured("ive"); break; }
                    if (Ends("fulness")) { ReplaceIfMeasured("ful"); break; }
                    if (Ends("ousness")) { ReplaceIfMeasured("ous"); }
                    break;
                case 't':
                    if (Ends("aliti")) { ReplaceIfMeasured("al"); break; }
                    if (Ends("iviti")) { ReplaceIfMeasured("ive"); break; }
                    if (Ends("biliti")) { ReplaceIfMeasured("ble"); }
                    break;
                case 'g':
                    if (Ends("logi")) { ReplaceIfMeasured("log"); }
                    break;
            }
        }

        /// <summary>-ic-, -full, -ness and similar.</summary>
        public void Step3()
        {
            switch (_b[K])
            {
                case 'e':
                    if (Ends("icate")) { ReplaceIfMeasured("ic"); break; }
                    if (Ends("ative")) { ReplaceIfMeasured(string.Empty); break; }
                    if (Ends("alize")) { ReplaceIfMeasured("al"); }
                    break;
                case 'i':
                    if (Ends("iciti")) { ReplaceIfMeasured("ic"); }
                    break;
                case 'l':
                    if (Ends("ical")) { ReplaceIfMeasured("ic"); break; }
                    if (Ends("ful")) { ReplaceIfMeasured(string.Empty); }
                    break;
                case 's':
                    if (Ends("ness")) { ReplaceIfMeasured(string.Empty); }
                    break;
            }
        }

        /// <summary>Takes off -ant, -ence and the like in context m &gt; 1.</summary>
        public void Step4()
        {
            if (K < 1) return;
            var matched = _b[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && Measure() > 1) K = _j;
        }

        /// <summary>Removes a final -e if m &gt; 1 (or m = 1 and not cvc) and -ll to -l if m &gt; 1.</summary>
        public void Step5()
        {
            _j = K;
            if (_b[K] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(K - 1))) K--;
            }

            if (_b[K] == 'l' && DoubleConsonant(K) && Measure() > 1) K--;
        }
    }
}
