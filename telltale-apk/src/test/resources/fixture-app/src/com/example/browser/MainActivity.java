package com.example.browser;

import com.sensorsdata.analytics.android.sdk.SensorsDataAPI;

/** The browser's main screen: every page opened is reported. */
public class MainActivity extends android.app.Activity {
    private String home = "https://start.example-browser.org/";

    @Override
    protected void onCreate(android.os.Bundle state) {
        super.onCreate(state);
        open(home);
    }

    void open(String url) {
        SensorsDataAPI.sharedInstance().track("page_open:" + url);
    }
}
