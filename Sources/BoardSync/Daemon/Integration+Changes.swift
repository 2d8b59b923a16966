import SyncCore

extension Integration {
    /// What differs from `old`, named as in the `integrations` document, and what the mirror needs to follow
    /// it. The checkpoint and the record of the applied configuration are not compared: runs write them.
    func changes(since old: Integration) -> (parts: [String], configuration: ConfigurationChange) {
        var parts: [String] = []
        if enabled != old.enabled { parts.append("enabled") }
        if baseURL != old.baseURL { parts.append("base_url") }
        if workspaceSlug != old.workspaceSlug { parts.append("workspace_slug") }
        if credentialSource != old.credentialSource { parts.append("credentials") }
        if rateLimit != old.rateLimit { parts.append("rate_limit") }
        let configuration = ConfigurationChange.between(old.configuration, self.configuration)
        return (parts + configuration.parts.map(\.rawValue), configuration)
    }
}
