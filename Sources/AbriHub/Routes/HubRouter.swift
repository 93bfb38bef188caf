import AbriPublic
import Hummingbird
import Logging
import NIOCore

/// The five routes of FORMAT §7.2, and the one place where a `HubFailure` becomes an HTTP status.
enum HubRouter {
    typealias Handler = @Sendable (HubRequest, HubContext) async throws -> [UInt8]

    static func make(_ hub: HubContext) -> Router<BasicRequestContext> {
        let router = Router()
        router.put("/v1/vaults/:vault") { request, context in
            await respond(request, context, hub, status: .created, CreateRoute.handle)
        }
        router.get("/v1/vaults/:vault/changes") { request, context in
            await respond(request, context, hub, status: .ok, ChangesRoute.handle)
        }
        router.post("/v1/vaults/:vault/push") { request, context in
            await respond(request, context, hub, status: .ok, PushRoute.handle)
        }
        router.get("/v1/vaults/:vault/head") { request, context in
            await respond(request, context, hub, status: .ok, HeadRoute.handle)
        }
        router.get("/v1/vaults/:vault/attachments/:blob") { request, context in
            let blob = context.parameters.get("blob")
            return await respond(request, context, hub, status: .ok) { request, hub in
                try await AttachmentRoute.handle(request, hub: hub, blob: blob)
            }
        }
        return router
    }

    private static func respond(_ request: Request, _ context: BasicRequestContext, _ hub: HubContext,
                                status: HTTPResponse.Status, _ handler: Handler) async -> Response {
        do {
            let vault = try HubContext.vaultID(context.parameters.get("vault"))
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: hub.maxBodyBytes)
            } catch {
                throw HubFailure.tooLarge
            }
            let hubRequest = HubRequest(method: request.method.rawValue, pathAndQuery: request.head.path ?? "",
                                        headers: request.headers, body: Array(body.readableBytesView), vault: vault)
            return bytes(status, try await handler(hubRequest, hub))
        } catch let failure as HubFailure {
            return answer(failure)
        } catch {
            // A database error: its text may quote parameters, so it is neither logged nor sent.
            return answer(.unavailable)
        }
    }

    private static func answer(_ failure: HubFailure) -> Response {
        switch failure {
        case .badRequest(let reason): text(.badRequest, reason)
        case .unauthorized: text(.unauthorized, "the request's signature, date or identity does not check out")
        case .notFound: text(.notFound, "no such vault")
        case .conflict: text(.conflict, "the hub's sequence is not the request's base (pull, then try again)")
        case .tooLarge: text(.contentTooLarge, "the request's body is larger than the hub accepts")
        case .refused(let reason): text(.unprocessableContent, reason)
        case .unavailable: text(.serviceUnavailable, "the hub's database cannot be reached")
        }
    }

    private static func bytes(_ status: HTTPResponse.Status, _ body: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/octet-stream"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
