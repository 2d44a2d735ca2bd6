// Smoke tests start processes and use both cores: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
