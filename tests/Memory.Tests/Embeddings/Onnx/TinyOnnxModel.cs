using System.Text;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>Writes a tiny BERT-shaped ONNX model by hand (raw protobuf): <c>last_hidden_state = Gather(table,
/// input_ids)</c>, so token i's vector is row i of the table, with <c>attention_mask</c> and <c>token_type_ids</c>
/// declared like a real encoder's; and the vocabulary file that goes with it.</summary>
internal static class TinyOnnxModel
{
    public static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "big", "cat", "##s"];

    public const int Dimensions = 4;

    /// <summary>Row i: the vector of token i.</summary>
    public static float[] Row(int id) => [id + 1, id % 3, -id, 0.5f];

    public static void WriteVocabulary(string path) => File.WriteAllLines(path, Vocabulary);

    public static void WriteModel(string path, bool declareTokenTypes = true, string outputName = "last_hidden_state")
    {
        var table = new byte[Vocabulary.Length * Dimensions * sizeof(float)];
        for (var id = 0; id < Vocabulary.Length; id++)
        {
            var row = Row(id);
            for (var d = 0; d < Dimensions; d++)
            {
                BitConverter.TryWriteBytes(table.AsSpan(((id * Dimensions) + d) * sizeof(float)), row[d]);
            }
        }

        var graph = new Proto()
            .Message(1, new Proto().String(1, "table").String(1, "input_ids").String(2, "gathered").String(3, "gather").String(4, "Gather"))
            .Message(1, new Proto().String(1, "gathered").String(2, outputName).String(3, "identity").String(4, "Identity"))
            .String(2, "tiny-encoder")
            .Message(5, new Proto().Varint(1, Vocabulary.Length).Varint(1, Dimensions).Varint(2, 1).String(8, "table").Bytes(9, table))
            .Message(11, Input("input_ids"))
            .Message(11, Input("attention_mask"));
        if (declareTokenTypes)
        {
            graph.Message(11, Input("token_type_ids"));
        }

        graph.Message(12, Value(outputName, elementType: 1, new Proto().Message(1, Symbolic("batch")).Message(1, Symbolic("tokens")).Message(1, new Proto().Varint(1, Dimensions))));
        var model = new Proto()
            .Varint(1, 8)
            .String(2, "memory-tests")
            .Message(7, graph)
            .Message(8, new Proto().String(1, "").Varint(2, 13));
        File.WriteAllBytes(path, model.ToArray());
    }

    private static Proto Input(string name) =>
        Value(name, elementType: 7, new Proto().Message(1, Symbolic("batch")).Message(1, Symbolic("tokens")));

    private static Proto Symbolic(string name) => new Proto().String(2, name);

    // ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1; shape = 2 } } }
    private static Proto Value(string name, int elementType, Proto shape) =>
        new Proto().String(1, name).Message(2, new Proto().Message(1, new Proto().Varint(1, elementType).Message(2, shape)));

    /// <summary>Protobuf wire format: varints (wire type 0) and length-delimited fields (wire type 2).</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _buffer = new();

        public Proto Varint(int field, long value)
        {
            WriteVarint((ulong)((field << 3) | 0));
            WriteVarint((ulong)value);
            return this;
        }

        public Proto Bytes(int field, byte[] value)
        {
            WriteVarint((ulong)((field << 3) | 2));
            WriteVarint((ulong)value.Length);
            _buffer.Write(value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto value) => Bytes(field, value.ToArray());

        public byte[] ToArray() => _buffer.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _buffer.WriteByte((byte)value);
        }
    }
}
