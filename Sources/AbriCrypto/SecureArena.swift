import CSodium
import Foundation

/// Small secrets (keys, seeds, halves) share locked slabs instead of one `sodium_malloc` each.
///
/// Every `sodium_malloc` maps guard pages and locks its own pages: thousands of data keys in one command would cost
/// more system calls than cryptography, and about 16,000 live ones exhaust `vm.max_map_count`. A slab is one
/// `sodium_malloc` region (guard pages around it, `mlock`ed) cut into fixed slots; a freed slot is wiped before
/// it is reused, and slabs live as long as the process.
enum SecureArena {
    /// The largest secret a slot holds; larger ones get their own `sodium_malloc`.
    static let slotSize = 512
    static let slotsPerSlab = 128

    /// The free slots' addresses (plain integers: they cross the lock as values), behind a pthread mutex,
    /// which ThreadSanitizer sees (it does not see the futex inside `Synchronization.Mutex` on Linux, and
    /// reported every use of the arena from two threads as a race).
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var free: [UInt] = []

        func withLock<R>(_ body: (State) -> R) -> R {
            lock.lock()
            defer { lock.unlock() }
            return body(self)
        }
    }

    private static let state = State()

    /// A zeroed slot, or nil when a new slab cannot be mapped.
    static func allocate() -> UnsafeMutableRawPointer? {
        let address = state.withLock { state -> UInt? in
            if state.free.isEmpty {
                guard let slab = sodium_malloc(slotSize * slotsPerSlab) else { return nil }
                sodium_memzero(slab, slotSize * slotsPerSlab)
                let base = UInt(bitPattern: slab)
                state.free.reserveCapacity(slotsPerSlab)
                for index in (0 ..< slotsPerSlab).reversed() { state.free.append(base + UInt(index * slotSize)) }
            }
            return state.free.removeLast()
        }
        return address.flatMap { UnsafeMutableRawPointer(bitPattern: $0) }
    }

    /// Wipes a slot and gives it back.
    static func release(_ slot: UnsafeMutableRawPointer) {
        sodium_memzero(slot, slotSize)
        let address = UInt(bitPattern: slot)
        state.withLock { $0.free.append(address) }
    }
}
