import Hummingbird
import NIOCore

/// One request as the pages see it: everything in it is plain, sendable data.
struct UIRequest: Sendable {
    var method: String
    var path: String
    var query: FormBody
    var form: FormBody
    var cookie: String?
}

/// One answer: a page, a redirection or a refusal, with the headers that go on every answer added by
/// `UIResponder`.
struct UIReply: Sendable {
    var status: HTTPResponse.Status
    var body: String
    var contentType = "text/html; charset=utf-8"
    var location: String?
    var setCookie: String?

    static func page(_ page: Page, status: HTTPResponse.Status = .ok) -> UIReply {
        UIReply(status: status, body: page.html)
    }

    /// After a form that changed nothing to show again (a sign-in), the next page by GET.
    static func redirect(_ location: String, setCookie: String? = nil) -> UIReply {
        UIReply(status: .seeOther, body: "", location: location, setCookie: setCookie)
    }

    /// A refusal before any page: the status and one sentence in the reader's language.
    static func refusal(_ status: HTTPResponse.Status, _ sentence: String, words: UIWords) -> UIReply {
        .page(Page(title: words.text("Access refused", []), body: Page.notice(sentence, kind: "erreur"), words: words), status: status)
    }
}

/// The checks every request passes before it reaches a page, and the headers every answer carries.
enum UIResponder {
    /// The largest form accepted (a report's fields; attachments are not sent through the page).
    static let maxFormBytes = 1 << 20

    static func respond(to request: Request, state: UIState) async -> Response {
        let reply = await reply(to: request, state: state)
        return response(reply)
    }

    private static func reply(to request: Request, state: UIState) async -> UIReply {
        // DNS rebinding: a page of another site that makes its name resolve to 127.0.0.1 still sends its own name.
        let port = await state.port
        let words = await state.words
        let tr = { (template: String) in words.text(template, ["\(port)"]) }
        guard let authority = request.head.authority, authority == "127.0.0.1:\(port)" || authority == "localhost:\(port)" else {
            return .refusal(.misdirectedRequest, tr("This address is not abri ui's: open http://127.0.0.1:%@/ ."), words: words)
        }
        let path = request.uri.path
        let method = request.method
        if method == .get && path == "/style.css" {
            return UIReply(status: .ok, body: Stylesheet.css, contentType: "text/css; charset=utf-8")
        }
        guard method == .get || method == .post else {
            return .refusal(.methodNotAllowed, tr("This action does not exist."), words: words)
        }
        var form = FormBody("")
        if method == .post {
            // A form from another site is refused here too, before the CSRF token is looked at.
            if let origin = request.headers[.origin], origin != "http://127.0.0.1:\(port)", origin != "http://localhost:\(port)" {
                return .refusal(.forbidden, tr("This form does not come from abri ui: it is refused."), words: words)
            }
            guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
                return .refusal(.unsupportedMediaType, tr("This form is not sent the way abri ui expects."), words: words)
            }
            guard let body = try? await request.body.collect(upTo: maxFormBytes) else {
                return .refusal(.contentTooLarge, tr("This form is too long."), words: words)
            }
            form = FormBody(String(decoding: body.readableBytesView, as: UTF8.self))
        }
        let input = UIRequest(method: method.rawValue, path: path, query: FormBody(request.uri.query ?? ""), form: form,
                              cookie: request.cookies["abri_ui_\(port)"]?.value)
        return await state.handle(input)
    }

    private static func response(_ reply: UIReply) -> Response {
        var headers: HTTPFields = [
            .contentType: reply.contentType,
            .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .xContentTypeOptions: "nosniff",
        ]
        // `same-origin`, not `no-referrer`: with no referrer at all a browser sends `Origin: null` with its forms, and the
        // origin check above could not tell the interface's own forms from a sandboxed page's.
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPFields.Element.Name("X-Frame-Options")!] = "DENY"
        if let location = reply.location { headers[.location] = location }
        if let cookie = reply.setCookie { headers[.setCookie] = cookie }
        return Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
