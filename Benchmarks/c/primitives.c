/* Reference for Abri's primitive benchmarks: the same libsodium calls that
 * AbriCrypto makes, from C (cc -O2 ... -lsodium). Prints one line per case:
 *   name <TAB> median seconds per operation <TAB> bytes per operation
 * Each case runs RUNS times; the median run is reported. Times are the process's CPU
 * time (every case runs on one thread), so that other work on a shared machine
 * counts as little as it can. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 5

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, double *runs, long iters, long bytes) {
    qsort(runs, RUNS, sizeof runs[0], cmp);
    printf("%s\t%.9e\t%ld\n", name, runs[RUNS / 2] / iters, bytes);
    fflush(stdout);
}

static volatile unsigned char sink;

static void aead(const char *sealName, const char *openName, size_t len, long iters) {
    unsigned char key[32], nonce[24];
    unsigned char ad[16] = {0};
    randombytes_buf(key, sizeof key);
    unsigned char *m = malloc(len), *c = malloc(len + 16), *p = malloc(len);
    randombytes_buf(m, len);
    double runs[RUNS];
    unsigned long long clen, plen;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++) {
            randombytes_buf(nonce, sizeof nonce);
            crypto_aead_xchacha20poly1305_ietf_encrypt(c, &clen, m, len, ad, sizeof ad, NULL, nonce, key);
        }
        runs[r] = now() - t0;
        sink ^= c[0];
    }
    report(sealName, runs, iters, (long)len);
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++) {
            if (crypto_aead_xchacha20poly1305_ietf_decrypt(p, &plen, NULL, c, clen, ad, sizeof ad, nonce, key) != 0) abort();
        }
        runs[r] = now() - t0;
        sink ^= p[0];
    }
    report(openName, runs, iters, (long)len);
    free(m); free(c); free(p);
}

static void stream(size_t total) {
    const size_t chunk = 65536, n = total / chunk, clen = chunk + crypto_secretstream_xchacha20poly1305_ABYTES;
    unsigned char key[32], header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    randombytes_buf(key, sizeof key);
    unsigned char *m = malloc(total), *c = malloc(n * clen), *out = malloc(clen);
    randombytes_buf(m, total);
    crypto_secretstream_xchacha20poly1305_state st;
    double runs[RUNS];
    /* Untimed: one whole stream kept for the pull runs. */
    crypto_secretstream_xchacha20poly1305_init_push(&st, header, key);
    for (size_t i = 0; i < n; i++) {
        unsigned char tag = i + 1 == n ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
        crypto_secretstream_xchacha20poly1305_push(&st, c + i * clen, NULL, m + i * chunk, chunk, NULL, 0, tag);
    }
    /* Timed push: each 64 KiB chunk encrypted into one reused chunk buffer. */
    for (int r = 0; r < RUNS; r++) {
        unsigned char h[sizeof header];
        crypto_secretstream_xchacha20poly1305_state s;
        double t0 = now();
        crypto_secretstream_xchacha20poly1305_init_push(&s, h, key);
        for (size_t i = 0; i < n; i++) {
            unsigned char tag = i + 1 == n ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
            crypto_secretstream_xchacha20poly1305_push(&s, out, NULL, m + i * chunk, chunk, NULL, 0, tag);
        }
        runs[r] = now() - t0;
        sink ^= out[0];
    }
    report("stream_push_256MiB", runs, 1, (long)total);
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        crypto_secretstream_xchacha20poly1305_init_pull(&st, header, key);
        for (size_t i = 0; i < n; i++) {
            unsigned char tag;
            if (crypto_secretstream_xchacha20poly1305_pull(&st, out, NULL, &tag, c + i * clen, clen, NULL, 0) != 0) abort();
        }
        runs[r] = now() - t0;
        sink ^= out[0];
    }
    report("stream_pull_256MiB", runs, 1, (long)total);
    free(m); free(c); free(out);
}

static void boxes(void) {
    unsigned char pk[32], sk[32], m[256], c[256 + crypto_box_SEALBYTES], p[256];
    crypto_box_keypair(pk, sk);
    randombytes_buf(m, sizeof m);
    double runs[RUNS];
    long iters = 3000;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++) crypto_box_seal(c, m, sizeof m, pk);
        runs[r] = now() - t0;
    }
    report("box_seal_256B", runs, iters, 256);
    iters = 6000;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++)
            if (crypto_box_seal_open(p, c, sizeof c, pk, sk) != 0) abort();
        runs[r] = now() - t0;
    }
    report("box_seal_open_256B", runs, iters, 256);
}

static void signatures(void) {
    unsigned char pk[32], sk[64], m[128], sig[64];
    crypto_sign_keypair(pk, sk);
    randombytes_buf(m, sizeof m);
    double runs[RUNS];
    long iters = 15000;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++) crypto_sign_detached(sig, NULL, m, sizeof m, sk);
        runs[r] = now() - t0;
    }
    report("ed25519_sign_128B", runs, iters, 128);
    iters = 5000;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++)
            if (crypto_sign_verify_detached(sig, m, sizeof m, pk) != 0) abort();
        runs[r] = now() - t0;
    }
    report("ed25519_verify_128B", runs, iters, 128);
}

static void argon(void) {
    unsigned char out[32], salt[16];
    const char *pw = "correct horse battery staple";
    randombytes_buf(salt, sizeof salt);
    double runs[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        if (crypto_pwhash(out, sizeof out, pw, strlen(pw), salt, crypto_pwhash_OPSLIMIT_MODERATE,
                          crypto_pwhash_MEMLIMIT_MODERATE, crypto_pwhash_ALG_ARGON2ID13) != 0) abort();
        runs[r] = now() - t0;
    }
    report("argon2id_moderate", runs, 1, 0);
}

int main(int argc, char **argv) {
    if (sodium_init() < 0) return 1;
    const char *only = argc > 1 ? argv[1] : "";
    if (!*only || strstr(only, "aead")) {
        aead("aead_seal_1KiB", "aead_open_1KiB", 1024, 150000);
        aead("aead_seal_16MiB", "aead_open_16MiB", 16 << 20, 12);
    }
    if (!*only || strstr(only, "stream")) stream((size_t)256 << 20);
    if (!*only || strstr(only, "box")) boxes();
    if (!*only || strstr(only, "sign")) signatures();
    if (!*only || strstr(only, "argon")) argon();
    return 0;
}
