package com.example.browser;

import com.sensorsdata.analytics.android.sdk.SensorsDataAPI;

/** The app's application class: it starts the analytics SDK with the server it reports to. */
public class BrowserApp extends android.app.Application {
    static final String ANALYTICS_SERVER = "https://sa.browser-analytics.example.com/sa?project=browser";

    @Override
    public void onCreate() {
        super.onCreate();
        SensorsDataAPI.sharedInstance(this, ANALYTICS_SERVER);
    }
}
