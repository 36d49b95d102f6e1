import KafkaProtocol

/// The hash functions SCRAM needs (SHA-2, HMAC, PBKDF2), from OpenSSL's libcrypto opened at run time: the same
/// library librdkafka and the Python clients do SCRAM with, and building Sluice needs neither its headers nor
/// a crypto package. Without it the listener offers PLAIN only, and says why.
struct LibCrypto: @unchecked Sendable {
    // EVP_MD pointers are static tables inside libcrypto, valid for the life of the process.
    enum Digest: Sendable { case sha256, sha512 }

    private let pbkdf2HMAC: @convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<UInt8>?, Int32, Int32, OpaquePointer?,
                                            Int32, UnsafeMutablePointer<UInt8>?) -> Int32
    private let hmacFunction: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32, UnsafePointer<UInt8>?, Int,
                                              UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> UnsafeMutablePointer<UInt8>?
    private let digestFunction: @convention(c) (UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?,
                                                OpaquePointer?, OpaquePointer?) -> Int32
    private let sha256: OpaquePointer
    private let sha512: OpaquePointer

    /// The library, or why it cannot be used.
    static let shared: Result<LibCrypto, LibCryptoMissing> = {
        let names = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so", "libcrypto.dylib"]
        guard let library = SharedLibrary.open(names) else { return .failure(LibCryptoMissing(reason: "libcrypto.so.3 not found")) }
        typealias MD = @convention(c) () -> OpaquePointer?
        guard let pbkdf2 = library.function("PKCS5_PBKDF2_HMAC", as: (@convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<UInt8>?, Int32,
                                                                                          Int32, OpaquePointer?, Int32, UnsafeMutablePointer<UInt8>?) -> Int32).self),
              let hmac = library.function("HMAC", as: (@convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32, UnsafePointer<UInt8>?, Int,
                                                                       UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> UnsafeMutablePointer<UInt8>?).self),
              let digest = library.function("EVP_Digest", as: (@convention(c) (UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?,
                                                                                UnsafeMutablePointer<UInt32>?, OpaquePointer?, OpaquePointer?) -> Int32).self),
              let sha256 = library.function("EVP_sha256", as: MD.self)?(),
              let sha512 = library.function("EVP_sha512", as: MD.self)?()
        else { return .failure(LibCryptoMissing(reason: "libcrypto lacks PKCS5_PBKDF2_HMAC, HMAC, EVP_Digest or SHA-2")) }
        return .success(LibCrypto(pbkdf2HMAC: pbkdf2, hmacFunction: hmac, digestFunction: digest, sha256: sha256, sha512: sha512))
    }()

    private func md(_ digest: Digest) -> OpaquePointer { digest == .sha256 ? sha256 : sha512 }

    static func length(_ digest: Digest) -> Int { digest == .sha256 ? 32 : 64 }

    /// SCRAM's Hi(): PBKDF2 with HMAC over `digest`, one digest long.
    func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int, _ digest: Digest) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.length(digest))
        let count = Int32(out.count)
        let ok = password.withUnsafeBufferPointer { pass in
            salt.withUnsafeBufferPointer { salt in
                out.withUnsafeMutableBufferPointer { out in
                    pass.withMemoryRebound(to: CChar.self) { pass in
                        pbkdf2HMAC(pass.baseAddress, Int32(pass.count), salt.baseAddress, Int32(salt.count), Int32(iterations),
                                   md(digest), count, out.baseAddress)
                    }
                }
            }
        }
        precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
        return out
    }

    func hmac(key: [UInt8], _ data: [UInt8], _ digest: Digest) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.length(digest))
        var written: UInt32 = 0
        let result = key.withUnsafeBytes { key in
            data.withUnsafeBufferPointer { data in
                out.withUnsafeMutableBufferPointer { out in
                    hmacFunction(md(digest), key.baseAddress, Int32(key.count), data.baseAddress, data.count, out.baseAddress, &written)
                }
            }
        }
        precondition(result != nil && Int(written) == out.count, "HMAC failed")
        return out
    }

    func hash(_ data: [UInt8], _ digest: Digest) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.length(digest))
        var written: UInt32 = 0
        let ok = data.withUnsafeBytes { data in
            out.withUnsafeMutableBufferPointer { out in
                digestFunction(data.baseAddress, data.count, out.baseAddress, &written, md(digest), nil)
            }
        }
        precondition(ok == 1 && Int(written) == out.count, "EVP_Digest failed")
        return out
    }
}

/// Why SCRAM is not on offer.
struct LibCryptoMissing: Error, Sendable {
    let reason: String
}
