package io.ehrconnector.sms.inbound;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeywordTest {

    @Test
    void aWholeMessageKeywordInAnyCaseWithSpacesOrAFullStop() {
        assertEquals(Optional.of(Keyword.STOP), Keyword.of(" sToP \n"));
        assertEquals(Optional.of(Keyword.STOP), Keyword.of("Stop!"));
        assertEquals(Optional.of(Keyword.STOP), Keyword.of("PARAR"));
        assertEquals(Optional.of(Keyword.START), Keyword.of("yes"));
        assertEquals(Optional.of(Keyword.START), Keyword.of("Comenzar"));
        assertEquals(Optional.of(Keyword.HELP), Keyword.of("info"));
        assertEquals(Optional.of(Keyword.HELP_SPANISH), Keyword.of("ayuda"));
    }

    @Test
    void anythingElseIsNotAKeyword() {
        assertEquals(Optional.empty(), Keyword.of("stop it"));
        assertEquals(Optional.empty(), Keyword.of("yes I will be there"));
        assertEquals(Optional.empty(), Keyword.of(""));
        assertEquals(Optional.empty(), Keyword.of(null));
    }
}
