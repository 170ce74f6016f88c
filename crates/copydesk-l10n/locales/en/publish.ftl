## Publishing: the Publish dialog, sites in Settings, conflicts.

publish-open = Publish…
publish-heading = Publish “{ $title }”
publish-site = Site
publish-no-site = No site yet. Add your WordPress site in Settings → Sites, then come back here.
publish-open-settings = Open settings
publish-locales = Language versions
publish-locales-hint = Versions marked Ready (or already published) are chosen for you.
publish-as = Publish as
publish-as-publish = Published now
publish-as-draft = Draft on the site
publish-as-future = Scheduled
publish-at = Date and time
publish-start = Publish
publish-dry-run = Show the requests
publish-close = Close
publish-plan-heading = Requests that would be sent (nothing is sent)
publish-plan-empty = Nothing would be sent.
publish-jobs = Progress
publish-no-jobs = Nothing published from here yet.
publish-pick-locale = Choose at least one language version.
publish-need-date = Choose when to publish.
publish-state-queued = Queued
publish-state-running = Publishing…
publish-state-failed = Failed
publish-state-done = Published
publish-state-cancelled = Cancelled
publish-state-conflict = Changed on the site
publish-next-attempt = Next attempt { $time }
publish-attempts = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
publish-image-uploaded = Uploaded { $path }
publish-image-reused = Already on the site: { $path }
publish-post-created = Post created
publish-post-updated = Post updated
publish-open-post = Open on the site
publish-retry = Retry
publish-cancel = Cancel
publish-show-conflict = Compare versions…
publish-conflict-heading = “{ $locale }” changed on { $site } since your last publish
publish-conflict-body = Someone edited this post on the site. Nothing was overwritten. Compare both versions, then choose.
publish-conflict-site = On the site (changed { $modified } UTC)
publish-conflict-ours = In Copydesk
publish-conflict-diff = What differs (struck out: only on the site; underlined: only in Copydesk)
publish-conflict-title-changed = The title differs too.
publish-conflict-overwrite = Overwrite the site’s version
publish-conflict-keep = Keep the site’s version
publish-conflict-back = Back
publish-loading = Loading…

sites-heading = Sites
sites-empty = No site yet.
sites-add = Add a site
sites-name = Name
sites-url = Address of the site
sites-user = User name
sites-password = Application password
sites-password-hint = Create one in WordPress under Users → Profile → Application Passwords. It is kept in your system’s keyring, never in Copydesk’s files.
sites-save = Add site
sites-cancel = Cancel
sites-test = Test connection
sites-testing = Testing…
sites-remove = Remove
sites-remove-title = Remove { $name }?
sites-remove-body = Copydesk forgets this site, its password and which posts it published there. Nothing is deleted on the site.
sites-remove-confirm = Remove site
sites-added = { $name } added. Its password is in the system keyring.
sites-check-ok = Connected to “{ $site }” as { $user }.
sites-check-publish = Can publish: { $yes ->
    [true] yes
   *[false] no
}
sites-check-links = Language versions linked on the site: { $yes ->
    [true] yes (the Copydesk plugin is active)
   *[false] no — install the Copydesk plugin (see the README)
}
