// End-to-end tests start real node processes that decode video on a 2-core machine: run the
// tests one at a time so that their frame-rate checks measure the framework, not each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Valkka.Nodes.Tests;
