using System.Buffers;
using System.Text;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// The part of Thrift's compact protocol that Parquet's page headers and footer use: structs of integer, bool, binary,
/// struct and list fields (https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md).
/// </summary>
internal sealed class ThriftWriter(IBufferWriter<byte> output)
{
    public const byte TypeI32 = 5;
    public const byte TypeBinary = 8;
    public const byte TypeStruct = 12;

    private const byte TypeTrue = 1;
    private const byte TypeFalse = 2;
    private const byte TypeByte = 3;
    private const byte TypeI64 = 6;
    private const byte TypeList = 9;

    // Each struct numbers its fields from its own start: the id of the last field written, per open struct.
    private readonly Stack<short> _outer = new();
    private short _lastId;

    /// <summary>Starts a struct that is not a field: the message itself, or an element of a list.</summary>
    public void BeginStruct()
    {
        _outer.Push(_lastId);
        _lastId = 0;
    }

    /// <summary>Starts a struct field; its fields follow, then <see cref="EndStruct"/>.</summary>
    public void BeginStruct(short id)
    {
        Field(id, TypeStruct);
        BeginStruct();
    }

    public void EndStruct()
    {
        WriteByte(0);
        _lastId = _outer.Pop();
    }

    public void I32(short id, int value)
    {
        Field(id, TypeI32);
        VarInt(ZigZag(value));
    }

    public void I64(short id, long value)
    {
        Field(id, TypeI64);
        VarInt(ZigZag(value));
    }

    public void I8(short id, sbyte value)
    {
        Field(id, TypeByte);
        WriteByte((byte)value);
    }

    public void Bool(short id, bool value) => Field(id, value ? TypeTrue : TypeFalse);

    public void Binary(short id, ReadOnlySpan<byte> value)
    {
        Field(id, TypeBinary);
        BinaryElement(value);
    }

    public void String(short id, string value) => Binary(id, Encoding.UTF8.GetBytes(value));

    /// <summary>Starts a list field of <paramref name="count"/> elements of <paramref name="elementType"/>, written next.</summary>
    public void BeginList(short id, byte elementType, int count)
    {
        Field(id, TypeList);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | elementType));
            VarInt((ulong)count);
        }
    }

    public void I32Element(int value) => VarInt(ZigZag(value));

    public void BinaryElement(ReadOnlySpan<byte> value)
    {
        VarInt((ulong)value.Length);
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }

    private void Field(short id, byte type)
    {
        int delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(type);
            VarInt(ZigZag(id));
        }
        _lastId = id;
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void VarInt(ulong value) => VarInt(output, value);

    /// <summary>An unsigned LEB128 varint, as Thrift's compact protocol and Parquet's RLE/bit-packed hybrid write it.</summary>
    public static void VarInt(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        output.Advance(i);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
