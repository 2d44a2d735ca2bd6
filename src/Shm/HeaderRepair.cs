using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// The owner's check of its ring's header against what it created: the fields written once at
/// creation (magic, version, geometry, owner) are put back when another process overwrote them, so
/// readers that attach later accept the ring again; readers already attached keep the geometry they
/// mapped. Safe beside the writing thread, which never writes these fields.
/// </summary>
internal static unsafe class HeaderRepair
{
    /// <summary>Null when the header is intact; else what was wrong (it is repaired).</summary>
    public static string? Repair(SlotTable table)
    {
        RingHeader* h = table.Header;
        var layout = new RingLayout(table.SlotCount, table.SlotCapacity);
        if (h->Magic == RingLayout.Magic && h->Version == RingLayout.Version && h->HeaderSize == RingLayout.HeaderSize &&
            h->SlotCount == layout.SlotCount && h->SlotCapacity == layout.SlotCapacity && h->SlotEntrySize == RingLayout.SlotEntrySize &&
            h->OwnerPid == table.OwnerPid && h->OwnerStartTime == table.OwnerStartTime && h->PayloadOffset == layout.PayloadOffset &&
            h->SlotStride == layout.SlotStride && h->TotalSize == layout.TotalSize)
        {
            return null;
        }
        string found = $"magic 0x{h->Magic:X16}, version {h->Version}, {h->SlotCount} slots of {h->SlotCapacity} bytes, " +
                       $"owner pid {h->OwnerPid}, total size {h->TotalSize}";
        h->Version = RingLayout.Version;
        h->HeaderSize = RingLayout.HeaderSize;
        h->SlotCount = layout.SlotCount;
        h->SlotCapacity = layout.SlotCapacity;
        h->SlotEntrySize = RingLayout.SlotEntrySize;
        h->OwnerPid = table.OwnerPid;
        h->OwnerStartTime = table.OwnerStartTime;
        h->PayloadOffset = layout.PayloadOffset;
        h->SlotStride = layout.SlotStride;
        h->TotalSize = layout.TotalSize;
        Volatile.Write(ref h->Magic, RingLayout.Magic);
        return $"Ring {RingPaths.Describe(table.Path)}: its header was overwritten by another process ({found}); the owner restored it " +
               $"({layout.SlotCount} slots of {layout.SlotCapacity} bytes, owner pid {table.OwnerPid}).";
    }
}
