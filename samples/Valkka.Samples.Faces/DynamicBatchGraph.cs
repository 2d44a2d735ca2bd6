using System.Buffers.Binary;

namespace Valkka.Samples.Faces;

/// <summary>
/// Makes a copy of the shipped BlazeFace graph (tf2onnx, batch fixed at 1) that accepts any batch
/// size, in memory at set-up time (never written to the repository):
/// - the channel paddings, exported as Concat(x, ConstantOfShape([1,c,h,w])), become Pad(x) with
///   pads on the channel axis (a constant of batch 1 cannot follow the batch);
/// - the output Reshape shapes (1, n, k) become (-1, n, k);
/// - input and output batch dimensions become symbolic, and the stored intermediate shapes
///   (value_info, all of batch 1) are dropped so ONNX Runtime infers them again.
/// Throws InvalidDataException when the graph is not laid out like that.
/// </summary>
public static class DynamicBatchGraph
{
    // ONNX protobuf field numbers
    private const int ModelGraph = 7;
    private const int GraphNode = 1, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12, GraphValueInfo = 13;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    private const int AttrName = 1, AttrInt = 3;
    private const int TensorDims = 1, TensorDataType = 2, TensorInt64Data = 7, TensorName = 8, TensorRawData = 9;
    private const int Int64Type = 7;

    private sealed record Node(ProtoField Field, string OpType, string Name, List<string> Inputs, List<string> Outputs, List<ProtoField> Attributes);

    public static byte[] Rewrite(byte[] model)
    {
        var top = ProtoWire.Read(model);
        var graphField = top.SingleOrDefault(f => f.Number == ModelGraph);
        if (graphField.Raw.IsEmpty) throw new InvalidDataException("ONNX model has no graph");
        var graph = ProtoWire.Read(graphField.Bytes);

        var nodes = graph.Where(f => f.Number == GraphNode).Select(ParseNode).ToList();
        var initializers = graph.Where(f => f.Number == GraphInitializer)
            .ToDictionary(f => ProtoWire.Read(f.Bytes).First(x => x.Number == TensorName).Text, f => f);

        var constantsOfShape = nodes.Where(n => n.OpType == "ConstantOfShape").ToDictionary(n => n.Outputs[0]);
        var replaced = new Dictionary<ProtoField, byte[]>();
        var dropped = new HashSet<ProtoField>();
        var newInitializers = new List<byte[]>();
        var droppedInitializers = new HashSet<string>();

        foreach (var node in nodes.Where(n => n.OpType == "Concat" && n.Inputs.Count == 2 && constantsOfShape.ContainsKey(n.Inputs[1])))
        {
            var zeros = constantsOfShape[node.Inputs[1]];
            var shape = Int64Values(initializers, zeros.Inputs[0]);
            var axis = node.Attributes.Select(a => ProtoWire.Read(a.Bytes))
                .Where(a => a.Any(x => x.Number == AttrName && x.Text == "axis"))
                .Select(a => (long)a.First(x => x.Number == AttrInt).Varint).DefaultIfEmpty(-1).First();
            if (shape.Length != 4 || shape[0] != 1 || axis != 1)
                throw new InvalidDataException($"BlazeFace graph: padding '{node.Name}' is not a channel padding of batch 1 (shape [{string.Join(",", shape)}], axis {axis})");

            var padsName = node.Outputs[0] + "/pads_dynamic_batch";
            long[] pads = [0, 0, 0, 0, 0, shape[1], 0, 0];
            newInitializers.Add(Int64Tensor(padsName, pads));
            replaced[node.Field] = ProtoWire.Build(s =>
            {
                ProtoWire.WriteStringField(s, NodeInput, node.Inputs[0]);
                ProtoWire.WriteStringField(s, NodeInput, padsName);
                ProtoWire.WriteStringField(s, NodeOutput, node.Outputs[0]);
                ProtoWire.WriteStringField(s, NodeName, node.Outputs[0] + "/as_pad");
                ProtoWire.WriteStringField(s, NodeOpType, "Pad");
            });
            dropped.Add(zeros.Field);
            droppedInitializers.Add(zeros.Inputs[0]);
        }

        var reshapes = 0;
        var rewrittenInitializers = new Dictionary<string, byte[]>();
        foreach (var node in nodes.Where(n => n.OpType == "Reshape" && n.Inputs.Count == 2))
        {
            var name = node.Inputs[1];
            var shape = Int64Values(initializers, name);
            if (shape.Length < 2 || shape[0] != 1) continue;
            shape[0] = -1;
            rewrittenInitializers[name] = Int64Tensor(name, shape);
            reshapes++;
        }
        if (reshapes == 0)
            throw new InvalidDataException("BlazeFace graph: no Reshape with a batch-1 shape constant found; not the expected graph");

        // Shape constants still used by a node that stays must stay.
        foreach (var node in nodes.Where(n => !dropped.Contains(n.Field)))
            foreach (var input in node.Inputs) droppedInitializers.Remove(input);

        var newGraph = ProtoWire.Build(s =>
        {
            foreach (var f in graph)
            {
                switch (f.Number)
                {
                    case GraphValueInfo:
                        continue;
                    case GraphNode when dropped.Contains(f):
                        continue;
                    case GraphNode when replaced.TryGetValue(f, out var pad):
                        ProtoWire.WriteBytesField(s, GraphNode, pad);
                        continue;
                    case GraphInitializer:
                        var name = ProtoWire.Read(f.Bytes).First(x => x.Number == TensorName).Text;
                        if (droppedInitializers.Contains(name)) continue;
                        if (rewrittenInitializers.TryGetValue(name, out var tensor))
                        {
                            ProtoWire.WriteBytesField(s, GraphInitializer, tensor);
                            continue;
                        }
                        break;
                    case GraphInput or GraphOutput:
                        ProtoWire.WriteBytesField(s, f.Number, SymbolicBatch(f.Bytes));
                        continue;
                }
                s.Write(f.Raw.Span);
            }
            foreach (var t in newInitializers) ProtoWire.WriteBytesField(s, GraphInitializer, t);
        });

        return ProtoWire.Build(s =>
        {
            foreach (var f in top)
            {
                if (f.Number == ModelGraph) ProtoWire.WriteBytesField(s, ModelGraph, newGraph);
                else s.Write(f.Raw.Span);
            }
        });
    }

    private static Node ParseNode(ProtoField field)
    {
        var f = ProtoWire.Read(field.Bytes);
        return new Node(field,
            f.FirstOrDefault(x => x.Number == NodeOpType).Text ?? "",
            f.FirstOrDefault(x => x.Number == NodeName).Text ?? "",
            f.Where(x => x.Number == NodeInput).Select(x => x.Text).ToList(),
            f.Where(x => x.Number == NodeOutput).Select(x => x.Text).ToList(),
            f.Where(x => x.Number == NodeAttribute).ToList());
    }

    private static long[] Int64Values(Dictionary<string, ProtoField> initializers, string name)
    {
        if (!initializers.TryGetValue(name, out var field))
            throw new InvalidDataException($"BlazeFace graph: shape '{name}' is not a constant initializer");
        var t = ProtoWire.Read(field.Bytes);
        if (t.FirstOrDefault(x => x.Number == TensorDataType).Varint != Int64Type)
            throw new InvalidDataException($"BlazeFace graph: shape '{name}' is not int64");
        var raw = t.FirstOrDefault(x => x.Number == TensorRawData);
        if (!raw.Raw.IsEmpty)
        {
            var values = new long[raw.Bytes.Length / 8];
            for (var i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadInt64LittleEndian(raw.Bytes.Span[(i * 8)..]);
            return values;
        }
        var list = new List<long>();
        foreach (var x in t.Where(x => x.Number == TensorInt64Data))
        {
            if (x.WireType == 0) { list.Add((long)x.Varint); continue; }
            var span = x.Bytes.Span;
            var i = 0;
            while (i < span.Length) list.Add((long)ProtoWire.ReadVarint(span, ref i));
        }
        return list.ToArray();
    }

    private static byte[] Int64Tensor(string name, long[] values) => ProtoWire.Build(s =>
    {
        ProtoWire.WriteVarintField(s, TensorDims, (ulong)values.Length);
        ProtoWire.WriteVarintField(s, TensorDataType, Int64Type);
        ProtoWire.WriteStringField(s, TensorName, name);
        var raw = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), values[i]);
        ProtoWire.WriteBytesField(s, TensorRawData, raw);
    });

    // ValueInfoProto{name=1, type=2{tensor_type=1{elem_type=1, shape=2{dim=1{dim_value=1 | dim_param=2}}}}}:
    // the first dim becomes dim_param "batch".
    private static byte[] SymbolicBatch(ReadOnlyMemory<byte> valueInfo) =>
        Edit(valueInfo, 2, type => Edit(type, 1, tensor => Edit(tensor, 2, shape =>
        {
            var first = true;
            return ProtoWire.Build(s =>
            {
                foreach (var dim in ProtoWire.Read(shape))
                {
                    if (dim.Number == 1 && first)
                    {
                        first = false;
                        ProtoWire.WriteBytesField(s, 1, ProtoWire.Build(d => ProtoWire.WriteStringField(d, 2, "batch")));
                        continue;
                    }
                    s.Write(dim.Raw.Span);
                }
            });
        })));

    private static byte[] Edit(ReadOnlyMemory<byte> message, int number, Func<ReadOnlyMemory<byte>, byte[]> edit) =>
        ProtoWire.Build(s =>
        {
            foreach (var f in ProtoWire.Read(message))
            {
                if (f.Number == number && f.WireType == 2) ProtoWire.WriteBytesField(s, number, edit(f.Bytes));
                else s.Write(f.Raw.Span);
            }
        });
}
