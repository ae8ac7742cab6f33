import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// Parses and runs one command line, mapping every outcome to Obhut's exit codes.
func runObhut(_ arguments: [String]) async -> Never {
    let language = languageHint(arguments)
    var command: ParsableCommand
    do {
        command = try ObhutCommand.parseAsRoot(arguments)
    } catch {
        let code = ObhutCommand.exitCode(for: error)
        if code == .success {
            print(ObhutCommand.fullMessage(for: error))
            exit(0)
        }
        FileHandle.standardError.write(Data((ObhutCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    do {
        if var async = command as? AsyncParsableCommand {
            try await async.run()
        } else {
            try command.run()
        }
        exit(0)
    } catch let error as UserFacingError {
        FileHandle.standardError.write(Data((prefix(language) + error.message(in: language) + "\n").utf8))
        exit(1)
    } catch let error as ExitCode {
        exit(error.rawValue)
    } catch let error as ValidationError {
        FileHandle.standardError.write(Data((prefix(language) + error.message + "\n").utf8))
        exit(2)
    } catch {
        // ArgumentParser's own outcomes (help of a subcommand, --version) come back as errors too.
        let code = ObhutCommand.exitCode(for: error)
        if code == .success {
            print(ObhutCommand.fullMessage(for: error))
            exit(0)
        }
        if code == .validationFailure {
            FileHandle.standardError.write(Data((ObhutCommand.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        FileHandle.standardError.write(Data((prefix(language) + ErrorText.describe(error, in: language) + "\n").utf8))
        exit(1)
    }
}

private func prefix(_ language: Language) -> String { language == .de ? "Fehler: " : "Error: " }

/// The language for messages printed before or outside a parsed command.
private func languageHint(_ arguments: [String]) -> Language {
    if let i = arguments.firstIndex(of: "--lang"), i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) {
        return l
    }
    if let arg = arguments.first(where: { $0.hasPrefix("--lang=") }), let l = Language(rawValue: String(arg.dropFirst(7))) {
        return l
    }
    return Language.fromEnvironment()
}
