import Foundation
import Synchronization

/// The register parsed last, with the bytes it was parsed from. The file is read on every call
/// (a DPO's edit counts at once, also one made by another process); YAML is parsed only when
/// the bytes differ from last time.
final class RegisterCache: Sendable {
    private let last = Mutex<(bytes: Data, register: ProcessingRegister)?>(nil)

    func register(in directory: URL) throws -> ProcessingRegister {
        let url = directory.appendingPathComponent(ProcessingRegister.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return .defaults }
        if let hit = last.withLock({ $0 }), hit.bytes == data { return hit.register }
        let parsed = try ProcessingRegister.decode(data, path: url.path)
        last.withLock { $0 = (data, parsed) }
        return parsed
    }
}
