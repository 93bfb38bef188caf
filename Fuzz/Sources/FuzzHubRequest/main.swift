@_spi(Fuzzing) import AbriHub

// libFuzzer target `FuzzHubRequest`: corpus `Fuzz/corpus/hub-request/`, regressions `Tests/AbriHubTests/FuzzRegression/hub-request/`.

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    HubFuzzEntryPoints.request(bytes)
    return 0
}

/// SwiftPM links an executable target with `main` aliased to `<module>_main`, which `-parse-as-library` leaves
/// undefined; defining it here (and handing over to libFuzzer's driver) keeps libFuzzer's own `main` out.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("FuzzHubRequest_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, { data, size in fuzz(data, size) })
}
