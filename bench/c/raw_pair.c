/* The physical ceiling of `valkka bench transport`: a raw writer and reader in two processes on one
 * shared mapping, no protocol. The writer copies each frame into the next slot and publishes its
 * number (a release store); the reader spins on that number and sums every byte of the newest slot.
 * Nothing stops the writer from overwriting the slot being read: this is what moving frames costs
 * on this machine before any protocol, not a usable transport.
 *
 *   raw_pair FRAMES WARMUP SLOTS WIDTH HEIGHT
 * prints one JSON line: frames (summed by the reader), written, seconds, sender_cpu_s, receiver_cpu_s, checksum.
 * Built by the bench with gcc -O2 (bench/Valkka.Bench/RawPairBaseline.cs).
 */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    _Atomic int64_t latest;      /* the number of the newest frame published, 0 = none */
    _Atomic int64_t measured_from; /* frames after this one are measured */
    _Atomic int ready;
    int64_t summed, end_ns;
    double reader_cpu_s;
    uint64_t checksum;
} shared_header;

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static double cpu_s(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static uint64_t sum_bytes(const uint64_t *words, size_t count)
{
    uint64_t a = 0, b = 0; /* the same fold as the framework's FrameChecksum: add and xor of 64-bit words */
    size_t i = 0;
    for (; i + 1 < count; i += 2) { a += words[i]; b ^= words[i + 1]; }
    if (i < count) a += words[i];
    return a ^ b;
}

static void reader(shared_header *h, const uint8_t *slots, size_t size, int64_t nslots, int64_t last_frame)
{
    atomic_store(&h->ready, 1);
    int64_t seen = 0, summed = 0;
    uint64_t checksum = 0;
    double cpu0 = cpu_s();
    int counting = 0;
    while (seen < last_frame) {
        int64_t n = atomic_load_explicit(&h->latest, memory_order_acquire);
        if (n == seen) continue; /* spin: no protocol, no futex */
        if (!counting && n > atomic_load(&h->measured_from) && atomic_load(&h->measured_from) > 0) {
            counting = 1;
            cpu0 = cpu_s();
        }
        checksum += sum_bytes((const uint64_t *)(slots + (size_t)((n - 1) % nslots) * size), size / 8);
        if (counting) summed++;
        seen = n;
    }
    h->end_ns = now_ns();
    h->reader_cpu_s = cpu_s() - cpu0;
    h->summed = summed;
    h->checksum = checksum;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s FRAMES WARMUP SLOTS WIDTH HEIGHT\n", argv[0]);
        return 2;
    }
    int64_t frames = atoll(argv[1]), warmup = atoll(argv[2]), nslots = atoll(argv[3]);
    size_t size = (size_t)atoll(argv[4]) * (size_t)atoll(argv[5]) * 3;
    size_t stride = (size + 4095) & ~(size_t)4095;
    size_t total = 4096 + stride * (size_t)nslots;
    uint8_t *map = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (map == MAP_FAILED) { perror("mmap"); return 1; }
    shared_header *h = (shared_header *)map;
    uint8_t *slots = map + 4096;

    enum { SOURCES = 4 };
    uint8_t *source[SOURCES];
    for (int s = 0; s < SOURCES; s++) {
        source[s] = malloc(size);
        for (size_t i = 0; i < size; i++) source[s][i] = (uint8_t)(i * 7 + s * 31);
    }

    pid_t child = fork();
    if (child == 0) {
        reader(h, slots, stride, nslots, warmup + frames);
        _exit(0);
    }
    while (!atomic_load(&h->ready)) { }
    double cpu0 = 0;
    int64_t t0 = 0;
    for (int64_t n = 1; n <= warmup + frames; n++) {
        if (n == warmup + 1) {
            cpu0 = cpu_s();
            t0 = now_ns();
            atomic_store(&h->measured_from, n - 1 > 0 ? n - 1 : 1);
        }
        memcpy(slots + (size_t)((n - 1) % nslots) * stride, source[n % SOURCES], size);
        atomic_store_explicit(&h->latest, n, memory_order_release);
    }
    double sender_cpu = cpu_s() - cpu0;
    int status;
    waitpid(child, &status, 0);
    printf("{\"frames\": %lld, \"written\": %lld, \"seconds\": %.6f, \"sender_cpu_s\": %.6f, \"receiver_cpu_s\": %.6f, \"checksum\": %llu}\n",
           (long long)h->summed, (long long)frames, (h->end_ns - t0) / 1e9, sender_cpu, h->reader_cpu_s, (unsigned long long)h->checksum);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
