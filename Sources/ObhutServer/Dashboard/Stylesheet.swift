import Crypto
import Foundation
import Hummingbird
import ObhutCore

/// The dashboard's one stylesheet, served at `GET /static/app.css`: embedded so the binary is
/// the whole deployment, cacheable for a day with an ETag (a changed stylesheet gets a new one).
///
/// Calm and plain on purpose: system fonts, one teal accent, grey for secondary text, red only
/// for what needs action (overdue requests, failed checks).
enum Stylesheet {
    static let path = "/static/app.css"

    static let etag: String = {
        let digest = SHA256.hash(data: Data(css.utf8))
        return "\"" + Hex.string(digest.prefix(8)) + "\""
    }()

    static func response(_ request: Request) -> Response {
        var headers: HTTPFields = [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=86400", .eTag: etag]
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: css)))
    }

    static let css = """
        :root{--bg:#f6f7f9;--surface:#fff;--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--accent:#0f766e;--accent-soft:#e6f4f2;\
        --danger:#b91c1c;--danger-soft:#fdecec;--warn:#b45309;--warn-soft:#fff4e5;--ok:#15803d;--ok-soft:#e9f7ee;--radius:8px}
        *{box-sizing:border-box}
        html{font-size:15px}
        body{margin:0;background:var(--bg);color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
        a{color:var(--accent)}
        a:hover{text-decoration-thickness:2px}
        :focus-visible{outline:3px solid #5eb8ae;outline-offset:2px}
        .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
        .skip:focus{left:1rem;z-index:10}
        .top{background:#102a2a;color:#e6f0ef}
        .top .bar{max-width:1280px;margin:0 auto;padding:.55rem 1.25rem;display:flex;align-items:center;gap:1rem;flex-wrap:wrap}
        .brand{color:#fff;font-weight:650;font-size:1.15rem;text-decoration:none;letter-spacing:.01em}
        .brand .mark{color:#5eb8ae}
        .main-nav{display:flex;gap:.1rem;flex-wrap:wrap;flex:1}
        .main-nav a{color:#cfe0de;text-decoration:none;padding:.3rem .55rem;border-radius:6px;font-size:.93rem;white-space:nowrap}
        .main-nav a:hover{background:#1d3f3e;color:#fff}
        .main-nav a[aria-current]{background:#e6f0ef;color:#102a2a;font-weight:600}
        .tools{display:flex;align-items:center;gap:.8rem;white-space:nowrap}
        .lang{display:flex;border:1px solid #3b5f5d;border-radius:6px;overflow:hidden;font-size:.85rem}
        .lang a,.lang span{padding:.15rem .5rem;text-decoration:none;color:#cfe0de}
        .lang span[aria-current]{background:#e6f0ef;color:#102a2a;font-weight:600}
        .who{display:flex;align-items:center;gap:.5rem;font-size:.9rem}
        .who .role{color:#9fbdba}
        .who form{margin:0}
        button.link{background:none;border:0;color:#cfe0de;text-decoration:underline;cursor:pointer;font:inherit;padding:0}
        main{max-width:1280px;margin:0 auto;padding:1.5rem 1.25rem 3rem}
        h1{font-size:1.6rem;font-weight:650;margin:.2rem 0 1rem}
        h2{font-size:1.15rem;font-weight:650;margin:0 0 .6rem}
        h3{font-size:1rem;font-weight:650;margin:1rem 0 .4rem}
        p{margin:.4rem 0 .8rem}
        .lead{color:var(--muted);margin-top:-.4rem;max-width:60rem}
        .muted{color:var(--muted)}
        .small{font-size:.85rem}
        section.card,.card{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);padding:1.1rem 1.25rem;margin:0 0 1.1rem}
        .grid{display:grid;gap:1.1rem;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));margin-bottom:1.1rem}
        .grid>.card{margin:0}
        .grid>.wide{grid-column:span 2}
        @media (max-width:1000px){.grid>.wide{grid-column:auto}}
        .metrics{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));margin:0 0 1.1rem}
        .metric{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);padding:.9rem 1.1rem}
        .metric .value{font-size:1.7rem;font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}
        .metric .label{color:var(--muted);font-size:.9rem}
        .metric.good .value{color:var(--ok)}
        .metric.warn .value{color:var(--warn)}
        .metric.bad .value{color:var(--danger)}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.93rem}
        th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-weight:600;color:var(--muted);font-size:.85rem;background:#fafbfc}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.overdue td{background:var(--danger-soft)}
        .badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap}
        .badge.ok{background:var(--ok-soft);color:var(--ok)}
        .badge.warn{background:var(--warn-soft);color:var(--warn)}
        .badge.bad{background:var(--danger-soft);color:var(--danger)}
        .badge.neutral{background:#eef2f5;color:var(--muted)}
        .overdue-text,.bad-text{color:var(--danger);font-weight:600}
        .ok-text{color:var(--ok);font-weight:600}
        .notice{border-left:4px solid var(--accent);background:var(--accent-soft);padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
        .notice.bad{border-color:var(--danger);background:var(--danger-soft)}
        .notice.warn{border-color:var(--warn);background:var(--warn-soft)}
        .empty{color:var(--muted);font-style:italic}
        .hidden-field{color:var(--muted);font-style:italic}
        code,.cmd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;background:#eef2f5;padding:.05rem .35rem;border-radius:4px;white-space:nowrap}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:0}
        dl.facts dt{color:var(--muted)}
        dl.facts dd{margin:0}
        ul.plain{list-style:none;padding:0;margin:0}
        ul.plain li{padding:.35rem 0;border-bottom:1px solid var(--line)}
        ul.plain li:last-child{border-bottom:0}
        ul.plain li li{border-bottom:0;padding:.05rem 0}
        .why{color:var(--muted);font-size:.9rem}
        .factors{margin:.2rem 0 0;padding-left:1.1rem;color:var(--muted);font-size:.85rem}
        figure.chart-box{margin:0 0 .5rem}
        figure.chart-box figcaption{color:var(--muted);font-size:.85rem;margin-top:.3rem}
        svg.chart{max-width:100%;height:auto;display:block}
        svg.chart .axis{fill:var(--muted)}
        details.as-table{margin-top:.4rem;font-size:.9rem}
        details.as-table summary{cursor:pointer;color:var(--accent)}
        .legend{display:flex;gap:1rem;font-size:.85rem;color:var(--muted);margin:.2rem 0 .4rem}
        .legend .key{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
        .legend.heat{gap:.15rem;align-items:center}
        .legend.heat .key{margin:0;width:1rem;height:1rem;border-radius:3px}
        .key-accent{background:var(--accent)}
        .key-warn{background:var(--warn)}
        .t0{background:#eef2f5}.t1{background:#cde7e4}.t2{background:#8ccbc3}.t3{background:#3f9e95}.t4{background:#0f5f58}
        form.inline{display:inline}
        form.search{display:flex;gap:.6rem;flex-wrap:wrap;align-items:flex-end}
        label{display:block;font-weight:600;font-size:.9rem;margin-bottom:.25rem}
        input[type=text],input[type=password],input[type=search]{font:inherit;padding:.5rem .65rem;border:1px solid #cbd2d9;border-radius:6px;min-width:18rem;background:#fff}
        input:focus,select:focus{border-color:var(--accent)}
        select{font:inherit;padding:.45rem .5rem;border:1px solid #cbd2d9;border-radius:6px;background:#fff}
        table.compact th,table.compact td{padding:.2rem .3rem;font-size:.8rem}
        .brand-dark{color:#102a2a;font-weight:650}
        .brand-dark::first-letter{color:var(--accent)}
        .field{margin-bottom:.9rem}
        button,.button{font:inherit;font-weight:600;padding:.5rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
        button.secondary,.button.secondary{background:#fff;color:var(--accent)}
        button.danger,.button.danger{background:var(--danger);border-color:var(--danger)}
        button.danger.secondary,.button.danger.secondary{background:#fff;color:var(--danger)}
        .actions{display:flex;gap:.6rem;flex-wrap:wrap;margin-top:.4rem}
        .actions form{margin:0}
        .login{max-width:380px;margin:3rem auto}
        .login h1{text-align:center}
        .login .card{padding:1.5rem}
        .login button{width:100%}
        .bar-cell{display:flex;align-items:center;gap:.5rem;white-space:nowrap}
        span.num{white-space:nowrap;font-variant-numeric:tabular-nums}
        .meter{display:inline-block;width:90px;height:8px;border-radius:4px;background:#eef2f5;overflow:hidden}
        .meter>span{display:block;height:100%;background:var(--accent)}
        .w0{width:0}.w1{width:10%}.w2{width:20%}.w3{width:30%}.w4{width:40%}.w5{width:50%}.w6{width:60%}.w7{width:70%}.w8{width:80%}.w9{width:90%}.w10{width:100%}
        .foot{max-width:1280px;margin:0 auto;padding:1rem 1.25rem 2rem;color:var(--muted);font-size:.8rem}
        main.error{max-width:560px;margin:4rem auto;background:#fff;border:1px solid var(--line);border-radius:var(--radius);padding:2rem}
        @media (max-width:700px){input[type=text],input[type=password],input[type=search]{min-width:0;width:100%}.top .bar{gap:.6rem}}
        @media print{.top,.foot,.actions,details.as-table summary{display:none}body{background:#fff}.card{border:0}}
        """
}
