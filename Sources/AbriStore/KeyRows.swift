/// The rows of key custody: generations, their seals and the log-key seals (Docs/FORMAT.md: generations), as the domain reads and writes them.
public protocol KeyRows {
    /// Every `generations` row, by partner then number (what the key-custody digest binds, §3.7, and verify checks).
    func generations() throws -> [GenerationRow]
    /// Every `generation_seals` row, by partner, number, then member key (what the key-custody digest binds, §3.7).
    func generationSeals() throws -> [GenerationSealRow]
    /// Every `log_key_seals` row, by generation then member key (what the key-custody digest binds, §3.7).
    func logKeySeals() throws -> [LogKeySealRow]

    /// The highest generation number of `partner` in `generations`, nil when it has none.
    func latestGenerationNumber(partner: String) throws -> Int?
    /// The newest `generations` row of `partner`, nil when it has none.
    func currentGeneration(partner: String) throws -> GenerationRow?
    /// The `generations` row of `partner` numbered `number`, nil when there is none.
    func generation(partner: String, number: Int) throws -> GenerationRow?
    /// Stores a new `generations` row (a new generation's signed public key).
    func insertGeneration(_ row: GenerationRow) throws

    /// The `generation_seals` rows of `partner` sealed to `memberKey` (a member's box public key), newest number first.
    func generationSeals(partner: String, memberKey: [UInt8]) throws -> [GenerationSealRow]
    /// Which member keys hold a seal of each generation of `partner`: its `generation_seals` rows without their boxes.
    func generationSealHolders(partner: String) throws -> [GenerationSealHolderRow]
    /// Whether any `generation_seals` row of `partner` remains (some generation of its keys is still sealed to someone).
    func hasGenerationSeals(partner: String) throws -> Bool
    /// Stores a new `generation_seals` row (a generation's seed sealed to one member).
    func insertGenerationSeal(_ row: GenerationSealRow) throws
    /// Deletes the `generation_seals` rows of generation `number` of `partner`: its seed is destroyed.
    func deleteGenerationSeals(partner: String, number: Int) throws

    /// The box of the `log_key_seals` row of log-key generation `generation` sealed to `memberKey`, nil when none.
    func logKeySeal(generation: Int, memberKey: [UInt8]) throws -> [UInt8]?
    /// Stores a new `log_key_seals` row (the log key's seed sealed to one member).
    func insertLogKeySeal(_ row: LogKeySealRow) throws
    /// Stores a `log_key_seals` row unless that member already holds a seal of that generation (then nothing changes).
    func insertLogKeySealUnlessPresent(_ row: LogKeySealRow) throws
    /// Deletes the `log_key_seals` rows of every log-key generation older than `generation`: older log keys are destroyed.
    func deleteLogKeySeals(olderThan generation: Int) throws
}

/// A `generations` row: a partner's generation public key, who made it, and their signature (Docs/FORMAT.md §3.2).
public struct GenerationRow: Sendable, Equatable {
    public var partner: String
    public var number: Int
    public var publicKey: [UInt8]
    public var madeBy: String
    public var signerKey: [UInt8]
    public var signature: [UInt8]

    public init(partner: String, number: Int, publicKey: [UInt8], madeBy: String, signerKey: [UInt8], signature: [UInt8]) {
        self.partner = partner
        self.number = number
        self.publicKey = publicKey
        self.madeBy = madeBy
        self.signerKey = signerKey
        self.signature = signature
    }
}

/// A `generation_seals` row: a generation's seed sealed to one member's box public key (Docs/FORMAT.md §3.2).
public struct GenerationSealRow: Sendable, Equatable {
    public var partner: String
    public var number: Int
    public var memberKey: [UInt8]
    public var box: [UInt8]

    public init(partner: String, number: Int, memberKey: [UInt8], box: [UInt8]) {
        self.partner = partner
        self.number = number
        self.memberKey = memberKey
        self.box = box
    }
}

/// Of a `generation_seals` row, which generation is sealed to which member key.
public struct GenerationSealHolderRow: Sendable, Equatable {
    public var number: Int
    public var memberKey: [UInt8]

    public init(number: Int, memberKey: [UInt8]) {
        self.number = number
        self.memberKey = memberKey
    }
}

/// A `log_key_seals` row: a log-key generation's seed sealed to one member's box public key (Docs/FORMAT.md §3.2).
public struct LogKeySealRow: Sendable, Equatable {
    public var generation: Int
    public var memberKey: [UInt8]
    public var box: [UInt8]

    public init(generation: Int, memberKey: [UInt8], box: [UInt8]) {
        self.generation = generation
        self.memberKey = memberKey
        self.box = box
    }
}
