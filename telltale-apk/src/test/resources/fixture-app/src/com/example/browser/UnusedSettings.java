package com.example.browser;

/** App code that no component reaches and that names no SDK. */
public class UnusedSettings {
    public String describe() {
        return "settings";
    }
}
