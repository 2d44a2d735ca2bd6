/* Reads the newest frames of a camera's ring and prints each one's mean pixel value.
 *   gcc -O2 -I src/Native/include src/Native/examples/read_ring.c -L artifacts/native -lvalkka -Wl,-rpath,'$ORIGIN' -o read_ring
 *   ./read_ring cam1 [frames] [topology]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include "valkka.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CAMERA|RING-PATH [FRAMES] [TOPOLOGY]\n", argv[0]);
        return 2;
    }
    long frames = argc > 2 ? atol(argv[2]) : 10;
    valkka_ring *ring;
    if (valkka_ring_open(argv[1], argc > 3 ? argv[3] : NULL, &ring) != VALKKA_OK) {
        fprintf(stderr, "open: %s\n", valkka_last_error());
        return 1;
    }
    valkka_ring_info info;
    valkka_ring_get_info(ring, &info);
    printf("reader %d of a ring of %d slots\n", info.reader_index, info.slot_count);

    int64_t last = 0;
    int status = VALKKA_OK;
    for (long n = 0; n < frames; n++) {
        valkka_frame frame;
        status = valkka_ring_lease_newest(ring, last, 5000, &frame);
        if (status != VALKKA_OK) {
            fprintf(stderr, "lease: %s\n", status == VALKKA_TIMEOUT ? "no frame within 5 s" : valkka_last_error());
            break;
        }
        uint64_t sum = 0; /* the pixels stay intact until the release */
        for (int32_t y = 0; y < frame.height; y++) {
            const uint8_t *row = frame.data + (int64_t)y * frame.stride;
            for (int32_t x = 0; x < frame.width * 3; x++) sum += row[x];
        }
        printf("frame %" PRId64 " index %" PRId64 " %dx%d mean %.6f\n", frame.sequence, frame.frame_index,
               frame.width, frame.height, (double)sum / ((double)frame.width * 3 * frame.height));
        last = frame.sequence;
        valkka_ring_release(ring, &frame);
    }
    valkka_ring_close(ring);
    return status == VALKKA_OK ? 0 : 1;
}
