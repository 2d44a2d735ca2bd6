// The tests run real decoders, rings and second processes on a 2-core machine: one at a time keeps
// them from starving each other (flow-control assertions compare a fast and a slow client).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
