namespace EventDb.Generators.Tests;

/// <summary>Every supported member type, nullable and not, with defaults, renames, fields, keywords and nesting.</summary>
internal static class AllTypesModel
{
    public const string Source = """
        using System;
        using EventDb;

        namespace Tests.Everything
        {
            public enum Kind { A, B = 7 }
            public enum Big : ulong { Max = ulong.MaxValue }
            public enum Shade : short { Dark = -1, Light = 1, Pale = 1, @default = 2 }
            [Flags] public enum Perm { None = 0, Read = 1, Write = 2 }

            [EventTable("all_types")]
            public partial record struct AllTypes
            {
                public long L { get; init; }
                public int I { get; init; }
                public short S { get; init; }
                public sbyte Sb { get; init; }
                public byte B { get; init; }
                public nint N { get; init; }
                public ulong Ul { get; init; }
                public uint Ui { get; init; }
                public ushort Us { get; init; }
                public nuint Nu { get; init; }
                public Int128 I128 { get; init; }
                public UInt128 U128 { get; init; }
                public bool Flag { get; init; }
                public Kind K { get; init; }
                public Big Bg { get; init; }
                public double D { get; init; }
                public float F { get; init; }
                public string Text { get; init; }
                public byte[] Bytes { get; init; }
                public ReadOnlyMemory<byte> Memory { get; init; }
                public Half H { get; init; }
                public decimal M { get; init; }
                public char C { get; init; }
                public DateTime At { get; init; }
                public DateTimeOffset AtOffset { get; init; }
                public TimeSpan Span { get; init; }
                public Guid Uid { get; init; }
                public Perm P { get; init; }
                [Column(AsText = true)] public Kind KName { get; init; }
                [Column(AsText = true)] public Big BgName { get; init; }
                [Column(AsText = true)] public Shade @Shade { get; init; }
                public long? NL { get; init; }
                public int? NI { get; init; }
                public ulong? NUl { get; init; }
                public nuint? NNu { get; init; }
                public Int128? NI128 { get; init; }
                public UInt128? NU128 { get; init; }
                public bool? NFlag { get; init; }
                public Kind? NK { get; init; }
                public double? ND { get; init; }
                public float? NF { get; init; }
                public string? NText { get; init; }
                public byte[]? NBytes { get; init; }
                public ReadOnlyMemory<byte>? NMemory { get; init; }
                public Half? NH { get; init; }
                public decimal? NM { get; init; }
                public char? NC { get; init; }
                public DateTime? NAt { get; init; }
                public DateTimeOffset? NAtOffset { get; init; }
                public TimeSpan? NSpan { get; init; }
                public Guid? NUid { get; init; }
                [Column(AsText = true)] public Kind? NKName { get; init; }
                [Column(Default = 5)] public ulong? DefUl { get; init; }
                [Column(Default = -1)] public int? DefI { get; init; }
                [Column(Default = true)] public bool? DefFlag { get; init; }
                [Column(Default = Kind.B)] public Kind? DefK { get; init; }
                [Column(Default = 1.5)] public float? DefF { get; init; }
                [Column(Default = "n/a \"quoted\"")] public string? DefText { get; init; }
                [Column(Default = 3)] public UInt128? DefU128 { get; init; }
                [Column(Default = -3)] public Int128? DefI128 { get; init; }
                [Column(Default = -2)] public short? DefS { get; init; }
                [Column(Default = (Kind)(-1))] public Kind? DefUnnamed { get; init; }
                [Column(Default = 0.5)] public Half? DefH { get; init; }
                [Column(Default = "12.50")] public decimal? DefM { get; init; }
                [Column(Default = -3)] public decimal? DefMInt { get; init; }
                [Column(Default = '\'')] public char? DefC { get; init; }
                [Column(Default = "2024-01-31 12:00:00.25")] public DateTime? DefAt { get; init; }
                [Column(Default = "2024-01-31 12:00:00+05:30")] public DateTimeOffset? DefAtOffset { get; init; }
                [Column(Default = "2000-01-01 00:00:00.0000001-03:30")] public DateTimeOffset? DefAtMinus { get; init; }
                [Column(Default = "-1.02:03:04.5")] public TimeSpan? DefSpan { get; init; }
                [Column(Default = "01:30:00")] public TimeSpan? DefSpanWhole { get; init; }
                [Column(Default = "6F9619FF-8B86-D011-B42D-00C04FC964FF")] public Guid? DefUid { get; init; }
                [Column(Default = Kind.B, AsText = true)] public Kind? DefKName { get; init; }
                [Column("group")] public long Grouped { get; init; }
                [Column("MixedCase")] public long Mixed { get; init; }
                public long HTTPCode;
                public long @class { get; set; }
                [NotMapped] public long Ignored { get; init; }
                public static long Static { get; set; }
                [NotMapped] public long Computed => L + 1;
                public long this[int index] => index;
            }

            [EventBase("order", Discriminator = "kind")]
            public partial record struct Order
            {
                public string Who { get; init; }
            }

            public partial class Outer<T>
            {
                public partial record struct Middle
                {
                    [EventTable("nested", Base = typeof(Order), Discriminator = "it's nested")]
                    public readonly partial record struct Inner(long Value)
                    {
                        public string? Note { get; init; }
                    }
                }
            }
        }

        [EventTable("global_one")]
        public partial record struct GlobalOne
        {
            public long Value { get; init; }
        }

        #nullable disable
        [EventTable("oblivious")]
        public partial record struct Oblivious
        {
            public string Text { get; init; }
            public byte[] Bytes { get; init; }
        }
        """;
}
