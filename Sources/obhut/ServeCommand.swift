import ArgumentParser
import Foundation
import Hummingbird
import Obhut
import ObhutCore
import ObhutServer
import ObhutStore

extension AuditReadDurability: ExpressibleByArgument {}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the HTTP API and the dashboard. / HTTP-API und Dashboard starten.",
        discussion: """
            Listens on 127.0.0.1:8080 by default; put a TLS-terminating proxy in front for other machines and pass --behind-tls. Sign in with a user from `obhut user add`. Stops cleanly on Ctrl-C or SIGTERM.
            Hört standardmäßig auf 127.0.0.1:8080; für andere Rechner einen TLS-Proxy davorsetzen und --behind-tls angeben. Anmelden mit einem Benutzer aus `obhut user add`. Endet sauber mit Strg-C oder SIGTERM.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Served behind a TLS proxy: Secure cookies and HSTS.") var behindTLS = false
    @Option(help: "Access alert when one user reads more people than this within an hour.") var alertPeoplePerHour = 200
    @Option(
        help: """
            How audit entries of reads reach the disk: durable (each group commit fsync'd before the answer leaves) or batched \
            (written to the WAL before the answer leaves, fsync'd within 1 s: a power cut may lose the last second of read entries, a crash \
            of the process loses none). Changes are always fully durable. / Wie Protokolleinträge von Lesezugriffen auf die Platte kommen: \
            durable (jede Sammel-Übernahme vor der Antwort gesichert) oder batched (vor der Antwort im WAL, binnen 1 s gesichert).
            """)
    var auditReads: AuditReadDurability = .durable
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let workspace = try global.openWorkspace()
        let services = ServerServices(
            workspace: workspace,
            configuration: .init(host: host, port: port, behindTLS: behindTLS, accessAlertPeoplePerHour: alertPeoplePerHour, auditReads: auditReads))
        let l = global.language
        if try services.users.list().isEmpty {
            print(
                Localized(
                    de: "Hinweis: noch kein Benutzer. Zuerst: obhut user add NAME --role admin",
                    en: "Note: no user yet. First: obhut user add NAME --role admin")[l])
        }
        print(
            Localized(
                de: "Obhut läuft auf http://\(host):\(port)/ (Strg-C beendet)", en: "Obhut is running at http://\(host):\(port)/ (Ctrl-C stops)")[l])
        try await ObhutServer.run(services)
    }
}
