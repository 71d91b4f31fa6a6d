// The fault tests stall writers, fill file systems and time lock waits: run them one at a time so each has the
// machine's cores and its timings mean something.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
