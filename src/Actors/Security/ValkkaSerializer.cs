using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Util;
using Hyperion;
using Hyperion.Internal;
using HyperionSerializer = Hyperion.Serializer;

namespace Valkka.Actors.Security;

/// <summary>
/// The project's Akka serializer: Hyperion with a surrogate for every ISurrogated (IActorRef
/// included: without it Hyperion recurses through the actor system until the stack overflows) and
/// a type allowlist applied to every type name a payload carries.
/// Settings (akka.actor.serialization-settings.valkka): allowed-assemblies (assemblies whose
/// IAnalysisResult types are accepted) and allowed-types (extra assembly-qualified type names).
/// </summary>
public sealed class ValkkaSerializer : Akka.Serialization.Serializer
{
    /// <summary>Akka serializer id (user ids must be above 100).</summary>
    public const int Id = 0x5A1C;

    private readonly HyperionSerializer _serializer;
    // Created on first use: serializers are built while the ActorSystem is still starting.
    private ILoggingAdapter? _log;

    public ValkkaSerializer(ExtendedActorSystem system) : this(system, ConfigurationFactory.Empty) { }

    public ValkkaSerializer(ExtendedActorSystem system, Config config) : base(system)
    {
        var assemblies = (config.GetStringList("allowed-assemblies", []) ?? [])
            .Select(name => LoadAssembly(name)).ToList();
        var extra = (config.GetStringList("allowed-types", []) ?? [])
            .Select(name => Type.GetType(name, throwOnError: false)
                            ?? throw new ConfigurationException($"akka.actor.serialization-settings.valkka.allowed-types: type '{name}' not found"))
            .ToList();
        Allowlist = TypeAllowlist.Create(assemblies, extra);
        _serializer = new HyperionSerializer(CreateOptions(system, Allowlist));
    }

    /// <summary>For tests and tools: a serializer over an explicit allowlist.</summary>
    public ValkkaSerializer(ExtendedActorSystem system, TypeAllowlist allowlist) : base(system)
    {
        Allowlist = allowlist;
        _serializer = new HyperionSerializer(CreateOptions(system, allowlist));
    }

    public TypeAllowlist Allowlist { get; }

    private ILoggingAdapter Log => _log ??= Logging.GetLogger(system, typeof(ValkkaSerializer));

    public override int Identifier => Id;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream(256);
        _serializer.Serialize(obj, stream);
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, Type type)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return _serializer.Deserialize(stream);
        }
        catch (EvilDeserializationException e)
        {
            var rejected = new RejectedTypeException(e.BadTypeString, e);
            Log.Error(rejected.Message);
            throw rejected;
        }
        catch (Exception e) when (e.InnerException is EvilDeserializationException evil)
        {
            var rejected = new RejectedTypeException(evil.BadTypeString, e);
            Log.Error(rejected.Message);
            throw rejected;
        }
    }

    private static SerializerOptions CreateOptions(ExtendedActorSystem system, TypeAllowlist allowlist)
    {
        var surrogate = Surrogate.Create<ISurrogated, ISurrogate>(
            from => from.ToSurrogate(system),
            to => to.FromSurrogate(system));
        return new SerializerOptions(
            versionTolerance: false,
            preserveObjectReferences: false,
            surrogates: [surrogate],
            serializerFactories: null,
            knownTypes: null,
            ignoreISerializable: true,
            packageNameOverrides: null,
            disallowUnsafeTypes: true,
            typeFilter: new AllowlistTypeFilter(allowlist));
    }

    private static Assembly LoadAssembly(string name)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        try { return loaded ?? Assembly.Load(new AssemblyName(name)); }
        catch (Exception e)
        {
            throw new ConfigurationException(
                $"akka.actor.serialization-settings.valkka.allowed-assemblies: cannot load assembly '{name}': {e.Message}", e);
        }
    }
}
