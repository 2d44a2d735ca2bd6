namespace Valkka.Actors.Python;

/// <summary>The Python worker could not analyze: it is not running, it died or hung (and was killed), or the analyzer raised; the message says which.</summary>
public sealed class PythonWorkerException(string message, Exception? inner = null) : Exception(message, inner);
