import AbriCrypto
import AbriVault
import CDispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the passphrase: from a file that only its owner can read, or from the terminal without echo.
///
/// Never from a flag value or an environment value: those end up in shell histories, `ps` and
/// `/proc/*/environ`. The result is normalised to Unicode NFC, so that the same passphrase typed
/// on two keyboards (composed "é" or "e" + combining accent) opens the same identity.
enum Passphrase {
    /// The longest first line accepted, in bytes.
    static let maximumLength = 4096

    /// The passphrase from `file` if given, else from the terminal.
    ///
    /// - Parameters:
    ///   - file: the passphrase file (`--passphrase-file` or `$ABRI_PASSPHRASE_FILE`), or nil.
    ///   - prompt: what to show on the terminal.
    ///   - confirm: ask a second time on the terminal and require the same answer (creation).
    static func read(file: String?, prompt: String = "Passphrase: ", confirm: Bool = false) throws -> SecureBytes {
        if let file {
            return try fromFile(file)
        }
        return try fromTerminal(prompt: prompt, confirm: confirm)
    }

    // MARK: - File

    /// The first line of `path`, one trailing CR dropped; refuses a byte-order mark, an empty
    /// line, and a file that its group or others may read or write.
    static func fromFile(_ path: String) throws -> SecureBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw AbriError.noInput("cannot read the passphrase file \(path): \(describeErrno()) (check the path and its permissions)")
        }
        defer { close(fd) }

        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw AbriError.noInput("cannot read the passphrase file \(path): \(describeErrno()) (check the path and its permissions)")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw AbriError.noInput("the passphrase file \(path) is a directory (name the file itself)")
        }
        if status.st_mode & 0o077 != 0 {
            throw AbriError.usage("the passphrase file \(path) can be read or written by others (run chmod 600 on it)")
        }

        let line = try readLine(fd: fd, origin: "the passphrase file \(path)")
        return try validated(line, origin: "the passphrase file \(path)")
    }

    // MARK: - Terminal

    /// Asks on the controlling terminal with echo off; twice when `confirm`.
    static func fromTerminal(prompt: String, confirm: Bool) throws -> SecureBytes {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else {
            throw AbriError.usage("no passphrase source: no terminal and no passphrase file (pass --passphrase-file FILE or set ABRI_PASSPHRASE_FILE)")
        }
        defer { close(tty) }

        let first = try ask(tty: tty, prompt: prompt)
        guard confirm else { return first }
        let second = try ask(tty: tty, prompt: tr("Same passphrase again: "))
        guard first.constantTimeEquals(second) else {
            throw AbriError.usage("the two passphrases differ (run the command again and type the same passphrase twice)")
        }
        return first
    }

    private static func ask(tty: Int32, prompt: String) throws -> SecureBytes {
        // The prompt goes to stderr, where people look for it; to the terminal itself when
        // stderr was redirected, so that nobody waits on an invisible question.
        let promptFD: Int32 = isatty(2) == 1 ? 2 : tty
        // Echo goes off before the prompt shows: what is typed as soon as it appears is never echoed.
        let line = try EchoOff.while(tty: tty) {
            writeAll(promptFD, prompt)
            return try readLine(fd: tty, origin: "the terminal")
        }
        return try validated(line, origin: "the terminal")
    }

    // MARK: - Shared

    /// Reads up to the first newline into secure memory, byte by byte so that nothing past the
    /// line is consumed; drops one trailing CR.
    private static func readLine(fd: Int32, origin: String) throws -> SecureBytes {
        var buffer = try SecureBytes(count: maximumLength)
        var length = 0
        var sawNewline = false
        try buffer.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) throws in
            let base = bytes.baseAddress!
            while length < maximumLength {
                let got = systemRead(fd, base + length, 1)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw AbriError.noInput("cannot read \(origin): \(describeErrno()) (check it and try again)")
                }
                if got == 0 { break }
                if bytes[length] == UInt8(ascii: "\n") { sawNewline = true; break }
                length += 1
            }
            if length > 0, bytes[length - 1] == UInt8(ascii: "\r") { length -= 1 }
        }
        if !sawNewline && length == maximumLength {
            throw AbriError.usage("the passphrase from \(origin) is longer than \(maximumLength) bytes (use a shorter one)")
        }
        return try buffer.slice(0..<length)
    }

    /// Refuses a BOM, an empty passphrase or text that is not UTF-8, and normalises to NFC.
    private static func validated(_ line: borrowing SecureBytes, origin: String) throws -> SecureBytes {
        try line.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> SecureBytes in
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                throw AbriError.usage("\(origin) starts with a byte-order mark (save it as UTF-8 without BOM)")
            }
            if bytes.isEmpty {
                let fix = origin == "the terminal" ? "type a passphrase" : "write the passphrase on its first line"
                throw AbriError.usage("the passphrase from \(origin) is empty (\(fix))")
            }
            return try normalisedNFC(bytes, origin: origin)
        }
    }

    /// NFC of UTF-8 `bytes`, in secure memory.
    ///
    /// ASCII is already NFC and never leaves secure memory. Other text goes through a Swift
    /// `String`, which cannot be wiped: the one copy we cannot avoid without our own Unicode tables.
    static func normalisedNFC(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> SecureBytes {
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return try SecureBytes(copying: bytes)
        }
        guard let text = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw AbriError.usage("the passphrase from \(origin) is not UTF-8 text (save it as UTF-8)")
        }
        var composed = Array(text.precomposedStringWithCanonicalMapping.utf8)
        defer { wipe(&composed) }
        return try SecureBytes(copying: composed)
    }

    /// Overwrites an array's bytes before it is freed.
    static func wipe(_ array: inout [UInt8]) {
        array.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            explicit_bzero(base, raw.count)
        }
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    static func describeErrno() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}

/// `read(2)`, named apart from `Passphrase.read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
