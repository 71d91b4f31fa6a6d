// One LazyFS mount and one writer at a time: they need the machine's cores, and the cut points are timed.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
