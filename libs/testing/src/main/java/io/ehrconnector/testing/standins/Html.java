package io.ehrconnector.testing.standins;

import java.util.Map;
import java.util.stream.Collectors;

/** The few HTML pages the stand-ins show a person in the local stack (sign-in pages, error pages, auto-posting forms). */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String bodyHtml) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;max-width:36em;margin:3em auto}button{font-size:1em;margin:.3em 0;\
                padding:.4em 1em}code{background:#eee}.note{color:#666;font-size:.85em}</style></head>
                <body><h1>%s</h1>%s
                <p class="note">Local stand-in for testing. Not a real sign-in service.</p></body></html>
                """.formatted(escape(title), escape(title), bodyHtml);
    }

    static String hiddenInputs(Map<String, String> fields) {
        return fields.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> "<input type=\"hidden\" name=\"%s\" value=\"%s\">".formatted(escape(e.getKey()), escape(e.getValue())))
                .collect(Collectors.joining("\n"));
    }

    /** A page that POSTs the fields to {@code action} as soon as it loads (OAuth response_mode=form_post). */
    static String autoPostForm(String action, Map<String, String> fields) {
        return """
                <!DOCTYPE html><html><head><title>Submit</title></head>
                <body onload="document.forms[0].submit()"><form method="post" action="%s">%s
                <noscript><button type="submit">Continue</button></noscript></form></body></html>
                """.formatted(escape(action), hiddenInputs(fields));
    }
}
