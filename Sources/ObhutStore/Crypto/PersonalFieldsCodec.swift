import Foundation
import ObhutCore

/// A compact binary encoding of `PersonalFields` for sealing: per field a marker byte
/// (0 = absent, 1 = present) followed by a 4-byte little-endian length and UTF-8 bytes.
/// Hand-written because JSON would cost more than the AES-GCM seal itself on the import path.
enum PersonalFieldsCodec {
    static let version: UInt8 = 1

    static func encode(_ fields: PersonalFields) -> Data {
        var out = Data()
        out.reserveCapacity(128)
        out.append(version)
        for value in [
            fields.firstName, fields.lastName, fields.email, fields.phone, fields.street,
            fields.postalCode, fields.city, fields.birthDate,
        ] {
            appendField(value, to: &out)
        }
        return out
    }

    static func decode(_ data: Data) throws -> PersonalFields {
        var reader = FieldReader(data: data)
        guard try reader.byte() == version else { throw CodecError.unknownVersion }
        var f = PersonalFields()
        f.firstName = try reader.field()
        f.lastName = try reader.field()
        f.email = try reader.field()
        f.phone = try reader.field()
        f.street = try reader.field()
        f.postalCode = try reader.field()
        f.city = try reader.field()
        f.birthDate = try reader.field()
        return f
    }

    /// Encodes a list of optional strings (used for lead contacts and free text).
    static func encodeStrings(_ values: [String?]) -> Data {
        var out = Data([version])
        for v in values { appendField(v, to: &out) }
        return out
    }

    static func decodeStrings(_ data: Data, count: Int) throws -> [String?] {
        var reader = FieldReader(data: data)
        guard try reader.byte() == version else { throw CodecError.unknownVersion }
        return try (0..<count).map { _ in try reader.field() }
    }

    private static func appendField(_ value: String?, to out: inout Data) {
        guard let value else {
            out.append(0)
            return
        }
        out.append(1)
        let bytes = Array(value.utf8)
        var length = UInt32(bytes.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(contentsOf: bytes)
    }

    enum CodecError: Error { case truncated, unknownVersion }

    private struct FieldReader {
        let data: Data
        var offset: Int

        init(data: Data) {
            self.data = data
            offset = data.startIndex
        }

        mutating func byte() throws -> UInt8 {
            guard offset < data.endIndex else { throw CodecError.truncated }
            defer { offset += 1 }
            return data[offset]
        }

        mutating func field() throws -> String? {
            guard try byte() == 1 else { return nil }
            guard offset + 4 <= data.endIndex else { throw CodecError.truncated }
            var length: UInt32 = 0
            for i in 0..<4 { length |= UInt32(data[offset + i]) << (8 * UInt32(i)) }
            offset += 4
            let end = offset + Int(length)
            guard end <= data.endIndex else { throw CodecError.truncated }
            defer { offset = end }
            return String(decoding: data[offset..<end], as: UTF8.self)
        }
    }
}
