// The primitive benchmarks through AbriCrypto's public API, case for case the same as
// Benchmarks/c/primitives.c. Prints one line per case:
//   name <TAB> median seconds per operation <TAB> bytes per operation
// Times are the process's CPU time (every case runs on one thread), as in the C program.
import AbriCrypto
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

let runs = 5
nonisolated(unsafe) var sink: UInt8 = 0

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func report(_ name: String, _ times: [Double], iterations: Int, bytes: Int) {
    let median = times.sorted()[times.count / 2]
    print("\(name)\t\(median / Double(iterations))\t\(bytes)")
    fflush(nil)
}

func measure(_ iterations: Int, _ body: () throws -> Void) rethrows -> [Double] {
    var times: [Double] = []
    for _ in 0..<runs {
        let t0 = now()
        for _ in 0..<iterations { try body() }
        times.append(now() - t0)
    }
    return times
}

func aead(_ sealName: String, _ openName: String, length: Int, iterations: Int) throws {
    let key = try SecureBytes.random(count: AEAD.keyBytes)
    let ad = [UInt8](repeating: 0, count: 16)
    let message = Random.bytes(length)
    var sealed: [UInt8] = []
    let sealTimes = try measure(iterations) {
        sealed = try AEAD.seal(message, key: key, associatedData: ad)
    }
    sink ^= sealed[0]
    report(sealName, sealTimes, iterations: iterations, bytes: length)
    var opened: [UInt8] = []
    let openTimes = try measure(iterations) {
        opened = try AEAD.open(sealed, key: key, associatedData: ad)
    }
    sink ^= opened[0]
    report(openName, openTimes, iterations: iterations, bytes: length)
}

func stream(total: Int) throws {
    let chunk = SecretStream.chunkSize
    let n = total / chunk
    let key = try SecureBytes.random(count: SecretStream.keyBytes)
    let message = Random.bytes(total)
    // Untimed: one whole stream kept for the pull runs.
    var pusher = try SecretStream.Pusher(key: key)
    let header = pusher.header
    var chunks: [[UInt8]] = []
    chunks.reserveCapacity(n)
    try message.withUnsafeBytes { m in
        for i in 0..<n {
            var out: [UInt8] = []
            try pusher.push(UnsafeRawBufferPointer(rebasing: m[i * chunk..<(i + 1) * chunk]), final: i + 1 == n, into: &out)
            chunks.append(out)
        }
    }
    // Timed push: each 64 KiB chunk encrypted into one reused buffer.
    var out: [UInt8] = []
    out.reserveCapacity(chunk + SecretStream.abytes)
    let pushTimes = try measure(1) {
        var p = try SecretStream.Pusher(key: key)
        try message.withUnsafeBytes { m in
            for i in 0..<n {
                out.removeAll(keepingCapacity: true)
                try p.push(UnsafeRawBufferPointer(rebasing: m[i * chunk..<(i + 1) * chunk]), final: i + 1 == n, into: &out)
            }
        }
        sink ^= out[0]
    }
    report("stream_push_256MiB", pushTimes, iterations: 1, bytes: total)
    let pullTimes = try measure(1) {
        var puller = try SecretStream.Puller(key: key, header: header)
        for c in chunks {
            let plain = try puller.pull(c)
            sink ^= plain[0]
        }
        try puller.finish()
    }
    report("stream_pull_256MiB", pullTimes, iterations: 1, bytes: total)
}

func boxes() throws {
    let pair = try BoxKeyPair.generate()
    let message = Random.bytes(256)
    var box: [UInt8] = []
    let sealTimes = try measure(3000) { box = try SealedBox.seal(message, to: pair.publicKey) }
    report("box_seal_256B", sealTimes, iterations: 3000, bytes: 256)
    let openTimes = try measure(6000) {
        let opened = try SealedBox.open(box, with: pair)
        sink ^= UInt8(truncatingIfNeeded: opened.count)
    }
    report("box_seal_open_256B", openTimes, iterations: 6000, bytes: 256)
}

func signatures() throws {
    let pair = try SigningKeyPair.generate()
    let message = Random.bytes(128)
    var signature: [UInt8] = []
    let signTimes = try measure(15000) { signature = try pair.sign(message) }
    report("ed25519_sign_128B", signTimes, iterations: 15000, bytes: 128)
    let verifyTimes = measure(5000) {
        precondition(Ed25519.isValidSignature(signature, for: message, publicKey: pair.publicKey))
    }
    report("ed25519_verify_128B", verifyTimes, iterations: 5000, bytes: 128)
}

func argon() throws {
    let passphrase = try SecureBytes(copying: Array("correct horse battery staple".utf8))
    let salt = Random.bytes(Argon2id.saltBytes)
    let times = try measure(1) {
        let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: .moderate)
        sink ^= UInt8(truncatingIfNeeded: key.count)
    }
    report("argon2id_moderate", times, iterations: 1, bytes: 0)
}

let only = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ""
if only.isEmpty || only.contains("aead") {
    try aead("aead_seal_1KiB", "aead_open_1KiB", length: 1024, iterations: 150_000)
    try aead("aead_seal_16MiB", "aead_open_16MiB", length: 16 << 20, iterations: 12)
}
if only.isEmpty || only.contains("stream") { try stream(total: 256 << 20) }
if only.isEmpty || only.contains("box") { try boxes() }
if only.isEmpty || only.contains("sign") { try signatures() }
if only.isEmpty || only.contains("argon") { try argon() }
if sink == 0x5A { print("") }  // keeps the results alive
