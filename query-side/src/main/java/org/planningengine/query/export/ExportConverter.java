package org.planningengine.query.export;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers every cycle view and the decision log as CSV or Markdown for a request that accepts {@code text/csv} or
 * {@code text/markdown}: the same answer as the JSON, as of the same instant, written as tables. It comes after the
 * JSON converters, so that a request accepting anything still gets JSON (and so it is no bean: Spring Boot puts
 * converter beans first).
 */
class ExportConverter extends AbstractHttpMessageConverter<Object> {

    /** Adds the converter after the others. */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {

        @Override
        public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
            converters.add(new ExportConverter());
        }
    }

    /** Without a charset parameter, which would make them more specific than JSON for a client accepting anything. */
    static final MediaType CSV = new MediaType("text", "csv");
    static final MediaType MARKDOWN = new MediaType("text", "markdown");

    ExportConverter() {
        super(StandardCharsets.UTF_8, CSV, MARKDOWN);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return ViewExports.BY_TYPE.containsKey(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("exports are written, never read", input);
    }

    @Override
    protected void writeInternal(Object answer, HttpOutputMessage output) throws IOException {
        Export export = ViewExports.BY_TYPE.get(answer.getClass()).apply(answer);
        MediaType type = output.getHeaders().getContentType();
        String text = type != null && type.isCompatibleWith(MARKDOWN) ? export.markdown() : export.csv();
        output.getBody().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
