/* valkka.h: read Valkka.Actors frame rings (/dev/shm/valkka.<topology>.<ring>) from C, C++ or Rust.
 *
 * libvalkka.so is the C# ring protocol of src/Shm compiled with Native AOT (scripts/build-native).
 * A reader opened here claims a reader index in the ring itself; the ring's owner (the camera)
 * hands that index to nobody else while this process lives, and frees it and clears its leases
 * when the process is gone (even after SIGKILL). A leased frame stays intact (the writer never
 * overwrites it) until valkka_ring_release; the writer never waits for a reader either: while
 * every slot is leased it drops frames. Hold a frame for less than the owner's lease timeout
 * (10 s for a camera) or check valkka_ring_is_leased after reading it.
 *
 * A valkka_ring is used by one thread at a time. Every function returns VALKKA_OK or another
 * status; valkka_last_error() then tells why, in words (per thread, valid until the next call).
 */
#ifndef VALKKA_H
#define VALKKA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VALKKA_OK                 0
#define VALKKA_TIMEOUT            1   /* no newer frame within the timeout; the owner runs */
#define VALKKA_ERROR             -1
#define VALKKA_NOT_FOUND         -2   /* no such ring (is the camera running on this host?) */
#define VALKKA_OWNER_GONE        -3   /* the process that owns the ring is gone: open it again */
#define VALKKA_READERS_EXHAUSTED -4   /* all 64 reader indices of the ring are in use */
#define VALKKA_INVALID_ARGUMENT  -5

/* valkka_frame.format (Valkka.Shm.PixelFormat) */
#define VALKKA_FORMAT_RGB24       1
#define VALKKA_FORMAT_BGR24       2
#define VALKKA_FORMAT_GRAY8       3
#define VALKKA_FORMAT_FLOAT32_RGB 4

typedef struct valkka_ring valkka_ring;

/* A leased frame. data points into the ring mapping; offset is the same place in the ring file. */
typedef struct valkka_frame {
    const uint8_t *data;
    int64_t offset;
    int64_t sequence;        /* the n-th frame of the ring has sequence 2n */
    int64_t frame_index;     /* the decoder's stream frame index, -1 when not known */
    int64_t capture_time_ms; /* capture time, Unix milliseconds */
    int64_t commit_ticks;    /* when the frame was committed, CLOCK_MONOTONIC nanoseconds */
    int32_t slot;
    int32_t width;
    int32_t height;
    int32_t stride;          /* bytes from one row to the next */
    int32_t format;          /* VALKKA_FORMAT_RGB24 for camera rings */
    int32_t length;          /* bytes of pixel data */
} valkka_frame;

typedef struct valkka_ring_info {
    int64_t slot_capacity;
    int64_t frames_written;
    int64_t frames_dropped;
    int32_t slot_count;
    int32_t reader_index;
    int32_t owner_pid;
    int32_t reserved;
} valkka_ring_info;

/* Opens the ring of camera `camera` (its id in the topology), or the ring file at a path when
 * `camera` holds a '/'. topology may be NULL: then the one running topology with that camera. */
int valkka_ring_open(const char *camera, const char *topology, valkka_ring **ring);

/* Waits up to timeout_ms for a frame with a sequence above after_sequence (0: any) and leases the
 * newest. VALKKA_TIMEOUT when none came, VALKKA_OWNER_GONE when the ring's owner died. */
int valkka_ring_lease_newest(valkka_ring *ring, int64_t after_sequence, int32_t timeout_ms, valkka_frame *frame);

/* Ends the lease of a frame; its slot may be rewritten afterwards. */
int valkka_ring_release(valkka_ring *ring, const valkka_frame *frame);

/* 1 while the frame is still leased (its pixels untouched since it was leased), else 0. */
int valkka_ring_is_leased(valkka_ring *ring, const valkka_frame *frame);

int valkka_ring_get_info(valkka_ring *ring, valkka_ring_info *info);

/* Copies the ring file's path into buffer; returns its length, or a negative status. */
int valkka_ring_path(valkka_ring *ring, char *buffer, int32_t size);

/* Releases every lease, frees the reader index and unmaps (never removes the ring). */
void valkka_ring_close(valkka_ring *ring);

const char *valkka_last_error(void);

#ifdef __cplusplus
}
#endif

#endif
