/// `check`'s webhook line of one integration: whether its webhook secret resolves (read as the receiver
/// reads it, never shown), the receiver's path or whole URL, and what to do in Plane's workspace settings.
/// No secret set is an ℹ line: webhooks are optional and runs list Plane every tick without them.
enum WebhookCheck {
    /// Where Plane's form is and what to fill in (the labels of Plane's web app, workspace settings →
    /// Webhooks → Add webhook).
    static func planeSteps(url: String) -> String {
        "in Plane: Workspace settings → Webhooks → Add webhook, Payload URL \(url), \"Which events would you like "
            + "to trigger this webhook?\" → \"Select individual events\" → tick \"\(WebhookSetup.tick.joined())\" "
            + "only (BoardSync acts on \(WebhookSetup.events.joined()) events; the others are acknowledged and "
            + "ignored)"
    }

    static func result(_ integration: Integration, publicURL: WebhookPublicURL?, environment: [String: String])
        -> CheckResult
    {
        let id = integration.id
        let path = WebhookPublicURL.path(integrationId: id)
        let url = publicURL?.url(integrationId: id)
        var setup = WebhookSetup(
            secret: .notSet, secretStoredAs: integration.webhookSecretSource?.description, path: path, url: url,
            urlFrom: publicURL?.from, events: WebhookSetup.events, tick: WebhookSetup.tick)
        let target =
            url.map { "\($0) (base from \(publicURL?.from ?? ""))" }
            ?? "https://<public address of `boardsync run --webhook-port N`>\(path) (give --webhook-url https://host "
            + "or \(WebhookPublicURL.environmentVariable) to print it whole)"
        let result: CheckResult
        do {
            guard try integration.webhookSecret(environment: environment) != nil else {
                result = CheckResult(
                    .info, "webhook", integration: id,
                    "webhooks not set up (no credentials.webhook_secret, webhook_secret_file or webhook_secret_env): "
                        + "Plane's edits are seen at the next listing",
                    remedy: "to see them within seconds: \(planeSteps(url: target)); then put the Secret key Plane "
                        + "shows in credentials.webhook_secret (or _file, _env) and run `boardsync run --webhook-port N`"
                )
                return with(result, setup)
            }
            setup.secret = .resolves
            result = CheckResult(
                .pass, "webhook", integration: id,
                "secret resolves (stored as \(setup.secretStoredAs ?? "?")); receiver \(target); "
                    + planeSteps(url: url ?? path))
        } catch {
            setup.secret = .unreadable
            let reasons = error.problems.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
            result = CheckResult(
                .fail, "webhook", integration: id,
                "secret stored as \(setup.secretStoredAs ?? "?"), but \(reasons); the receiver answers this "
                    + "integration's deliveries 503 (Plane does not resend them) and the daemon lists Plane every tick",
                remedy: "mount the Secret there, set the variable, or fix credentials.webhook_secret (or _file, _env) "
                    + "in the integrations document; the value is the Secret key of the webhook in Plane's workspace "
                    + "settings → Webhooks")
        }
        return with(result, setup)
    }

    /// `check`'s line about the public base itself, when one was given: a Plane server refuses loopback and
    /// private addresses unless its operator allows them.
    static func publicURLResult(_ publicURL: WebhookPublicURL) -> CheckResult {
        guard publicURL.isPrivate else {
            return CheckResult(.pass, "webhook URL", "\(publicURL.base) (from \(publicURL.from))")
        }
        return CheckResult(
            .warning, "webhook URL",
            "\(publicURL.base) (from \(publicURL.from)) is a loopback, private or cluster-internal address: a Plane "
                + "server refuses to post there unless its operator allows it",
            remedy: "give Plane's public address of the receiver, or have Plane's operator list the host in "
                + "WEBHOOK_ALLOWED_HOSTS (or its address in WEBHOOK_ALLOWED_IPS)")
    }

    private static func with(_ result: CheckResult, _ setup: WebhookSetup) -> CheckResult {
        var result = result
        result.webhook = setup
        return result
    }
}
