import Testing

@testable import ObhutServer

@Suite("HTML escaping")
struct HTMLEscapeTests {
    @Test func theFiveCharactersAreEscapedAndEverythingElseIsKept() {
        #expect(HTML.escape("plain text") == "plain text")
        #expect(HTML.escape("") == "")
        #expect(HTML.escape(#"<script>alert("x") & 'y'</script>"#) == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(HTML.escape("Grüße <b>€</b> 🎁&") == "Grüße &lt;b&gt;€&lt;/b&gt; 🎁&amp;")
        #expect(HTML.escape("e\u{301}<") == "e\u{301}&lt;")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }
}
