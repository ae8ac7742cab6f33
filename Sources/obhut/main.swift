import ArgumentParser
import Foundation
import Obhut
import ObhutCore

// Exit codes: 0 success, 1 a user-facing error (one line, no stack trace), 2 a usage error.
// ArgumentParser's own default for usage errors is 64; Obhut promises 2, so the root is run by hand.
await runObhut(Array(CommandLine.arguments.dropFirst()))
