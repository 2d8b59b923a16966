/// Realistic board descriptions for the Markdown → HTML → Markdown round trip.
enum MarkdownCorpus {
    static let documents: [String] = [
        "Fix the login redirect loop on Safari.",
        """
        # Login endpoint

        Implement **login** with *JWT* & refresh. See [spec](https://example.com/spec) 🚀

        - one
        - two `x < y`
        """,
        """
        ## Steps to reproduce

        1. Open the board
        2. Drag a card to *Done*
        3. Reload: the card is back in **In Progress**

        Expected: it stays in Done.
        """,
        """
        ```swift
        let a = 1 < 2 && b > 3
        print("<ok> & done")
        ```

        Then run `swift test --filter SyncCoreTests`.
        """,
        """
        | Field | Board | Plane |
        | --- | --- | --- |
        | status | In Progress | Done |
        | labels | bug \\| ui | bug |
        | note | `a|b` and **bold** |  |
        """,
        """
        > Customers on the EU cluster see a **500** when exporting.
        > Started after the 2.14 deploy.

        Owner: @maria
        """,
        """
        - Backend
          - API: `POST /v1/export`
          - Worker queue
        - Frontend
          - Export button
            - disabled state
        """,
        """
        1. Prepare
           1. Back up the database
           2. Announce downtime
        """,
        "Emoji check: ✅ done, 🚧 in progress, 👩‍💻 pairing, 🇫🇷 team. Ünïcödé ñ 漢字.",
        """
        Use snake_case_names and 2 \\* 3 \\* 4 = 24; paths like C:\\Temp\\logs and a_b.

        Literal markup: &lt;div> & &amp; and [brackets] and ~tilde~ and `ticks`.
        """,
        """
        ### Links

        [Docs](https://docs.example.com/a_b?x=1&y=2), [relative](/board/42) and ![diagram](https://cdn.example.com/d.png)

        ![screenshot](https://cdn.example.com/shot_1.png)
        """,
        """
        Line one\\
        line two\\
        line three
        """,
        """
        ~~Old plan~~ replaced by ***the new plan***.

        ---

        #### Notes
        ###### Tiny heading
        """,
        """
        ```
        ``` inside a fence
        $ make && ./run --flag="x"
        ```
        """,
        """
        # Release 2.15 checklist

        - [ ] Freeze `main`
        - [x] Tag **v2.15.0**
        - [ ] Publish [notes](https://example.com/notes)

        1. Deploy to staging
        2. Smoke test

        > Do not deploy on Fridays.

        | Env | URL |
        | --- | --- |
        | staging | https://staging.example.com |
        """,
        """
        - item with # hash
        - 2024. starts with a year
        - \\- starts with a dash
        - item with <br>break
        """,
        "\\# not a heading, 1\\. not a list, \\> not a quote, \\+ not a bullet",
        """
        ## Heading about C# and F# support

        A path with a trailing backslash: `C:\\`
        """,
    ]
}
