import Hummingbird
import NIOCore

/// One request as the pages see it: everything in it is plain, sendable data.
struct UIRequest: Sendable {
    var method: String
    var path: String
    var query: FormBody
    var form: FormBody
    /// The files of a `multipart/form-data` form (the deposit's attachments), in memory.
    var files: [UploadedFile] = []
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
    /// A download's bytes and its `Content-Disposition`, sent instead of `body`.
    var download: (bytes: ByteBuffer, disposition: String)?

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
    /// The largest form accepted (a report's fields).
    static let maxFormBytes = 1 << 20
    /// The largest deposit form with its attachments (`UIServer.uploadLimit`, 64 MiB unless a test says less).
    static let uploadMessage = "This form is over 64 MiB: the attachments sent through the page may not exceed 64 MiB in all. Nothing was deposited; for larger files, use abri deposit --attach in a terminal."

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
        var files: [UploadedFile] = []
        if method == .post {
            // A form from another site is refused here too, before the CSRF token is looked at.
            if let origin = request.headers[.origin], origin != "http://127.0.0.1:\(port)", origin != "http://localhost:\(port)" {
                return .refusal(.forbidden, tr("This form does not come from abri ui: it is refused."), words: words)
            }
            let contentType = request.headers[.contentType] ?? ""
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                guard let body = try? await request.body.collect(upTo: maxFormBytes) else {
                    return .refusal(.contentTooLarge, tr("This form is too long."), words: words)
                }
                form = FormBody(String(decoding: body.readableBytesView, as: UTF8.self))
            } else if path == "/deposer", let boundary = Multipart.boundary(contentType) {
                // Only the deposit form carries files; the whole form stays in memory, bounded before it is read.
                let declared = request.headers[.contentLength].flatMap(Int.init) ?? 0
                guard var body = await collect(request.body, limit: state.uploadLimit, over: declared > state.uploadLimit) else {
                    return .refusal(.contentTooLarge, tr(Self.uploadMessage), words: words)
                }
                let parsed = body.withUnsafeReadableBytes { Multipart.parse($0, boundary: boundary) }
                // The files were copied out: the body's copy of their plaintext is wiped before it is freed.
                body.withUnsafeMutableReadableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
                guard let parsed else {
                    return .refusal(.badRequest, tr("This form is not sent the way abri ui expects."), words: words)
                }
                form = parsed.form
                files = parsed.files
            } else {
                return .refusal(.unsupportedMediaType, tr("This form is not sent the way abri ui expects."), words: words)
            }
        }
        let input = UIRequest(method: method.rawValue, path: path, query: FormBody(request.uri.query ?? ""), form: form,
                              files: files, cookie: request.cookies["abri_ui_\(port)"]?.value)
        return await state.handle(input)
    }

    /// The body when it holds at most `limit` bytes; else nil, once the rest has been read and dropped: on loopback
    /// that is quick, and the browser then shows the refusal instead of a broken connection.
    private static func collect(_ body: RequestBody, limit: Int, over declared: Bool) async -> ByteBuffer? {
        var collected = ByteBuffer()
        var over = declared
        do {
            for try await part in body {
                if over || collected.readableBytes + part.readableBytes > limit {
                    over = true
                    continue
                }
                collected.writeImmutableBuffer(part)
            }
        } catch {
            over = true
        }
        guard !over else {
            collected.withUnsafeMutableReadableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
            return nil
        }
        return collected
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
        if let download = reply.download {
            // Never shown in the page nor guessed from its bytes: saved under the given name.
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] = download.disposition
            return Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: download.bytes))
        }
        return Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
