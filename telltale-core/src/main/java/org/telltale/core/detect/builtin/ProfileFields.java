package org.telltale.core.detect.builtin;

import java.util.HashMap;
import java.util.Map;

import org.telltale.api.Confidence;

/**
 * The field names (normal form, see FieldNames) under which SDKs send a part of the device's
 * profile, each with the kind it holds and how telling the name is: a name that can only mean that
 * kind ("devicemodel", "timezone") gives HIGH, a short or shared one ("dm", "net", "res") MEDIUM. The
 * value must still fit the kind's shape ({@link ProfileValues}) before anything is reported.
 */
final class ProfileFields {
    /**
     * What a field name says.
     *
     * @param kind       the profile kind it holds
     * @param confidence HIGH when the name can only mean that kind
     */
    record Field(String kind, Confidence confidence) {
    }

    private static final Map<String, Field> FIELDS = new HashMap<>();

    static {
        high("device_model", "model", "devicemodel", "phonemodel", "hardwaremodel", "hwmodel", "modelname",
                "manufacturer", "devicemanufacturer", "brand", "devicebrand", "phonebrand", "devicemake", "dmodel");
        medium("device_model", "dm", "mdl", "make", "mf", "mfr", "mnf", "dmake");
        high("os_version", "osversion", "osv", "platformversion", "sdkint", "androidversion", "iosversion",
                "systemversion", "osvers", "osver", "apilevel", "androidapilevel", "osname", "systemname",
                "androidsdkint", "buildversionrelease", "buildversionsdkint", "releaseversion", "deviceos", "deviceosversion");
        medium("os_version", "os", "platform", "ov", "sysver", "system", "pf");
        high("build_fingerprint", "fingerprint", "buildfingerprint", "rofingerprint", "buildfp", "romfingerprint");
        high("carrier", "carrier", "carriername", "operatorname", "networkoperatorname", "simoperatorname",
                "mobilecarrier", "telco", "cellcarrier", "networkcarrier", "simcarrier", "carrierinfo");
        medium("carrier", "operator", "networkoperator", "simoperator", "isp");
        high("mcc_mnc", "mccmnc", "plmn", "simmccmnc", "networkmccmnc", "hni", "operatorcode", "carriercode",
                "mcc", "simmcc", "networkmcc");
        high("network_type", "networktype", "nettype", "connectiontype", "conntype", "networkconnectiontype",
                "radiotype", "cellulartype", "networkstatus", "connectivity", "connectivitytype", "nwtype");
        medium("network_type", "network", "net", "conn", "connection", "nt", "radio", "access", "ct", "connectiontypename");
        high("ip_address", "ip", "ipaddress", "ipaddr", "localip", "clientip", "deviceip", "userip", "privateip",
                "publicip", "lanip", "wanip", "ipv4", "ipv6", "localaddress", "localipaddress", "sourceip", "srcip",
                "xforwardedfor", "xrealip", "wifiip", "innerip", "intranetip");
        high("time_zone", "tz", "timezone", "timezoneid", "tzid", "tzname", "timezonename", "devicetimezone",
                "timezoneoffset", "tzoffset", "utcoffset", "gmtoffset", "tzo", "timezoneoffsetminutes", "localtz");
        high("language", "language", "lang", "locale", "devicelanguage", "devicelocale", "userlanguage",
                "systemlanguage", "preflanguage", "preferredlanguage", "localeid", "languagecode", "ul", "hl",
                "systemlocale", "applanguage", "uilanguage", "displaylanguage", "oslanguage", "oslocale");
        medium("language", "lc");
        high("country", "country", "countrycode", "devicecountry", "simcountry", "simcountryiso", "networkcountryiso",
                "usercountry", "countryiso", "localecountry", "homecountry");
        medium("country", "cc", "ctry", "cntry");
        high("screen_size", "screensize", "screenresolution", "resolution", "displaysize", "displayresolution",
                "screenwidth", "screenheight", "displaywidth", "displayheight", "screenres", "devicescreensize",
                "screenwidthpx", "screenheightpx", "sr", "screen", "display");
        medium("screen_size", "res", "scrw", "scrh");
        high("memory", "totalmemory", "totalram", "ram", "ramsize", "memorysize", "physicalmemory", "memtotal",
                "availablememory", "freememory", "freeram", "availram", "totalmem", "devicememory");
        medium("memory", "memory", "mem");
        high("disk", "totaldisk", "freedisk", "disksize", "diskspace", "totalstorage", "freestorage", "storagesize",
                "internalstorage", "freespace", "totalspace", "availablestorage", "totaldiskspace", "freediskspace");
        medium("disk", "disk", "storage", "rom");
        high("battery", "batterylevel", "batterystate", "batterystatus", "batterypercent", "batterypercentage",
                "ischarging", "batterycharging", "charging", "chargingstatus", "battery", "powerlevel", "batt");
        high("device_integrity", "rooted", "isrooted", "root", "jailbroken", "isjailbroken", "jailbreak",
                "emulator", "isemulator", "simulator", "issimulator", "isvirtual", "virtualdevice", "isrootdevice",
                "devicerooted", "rootstatus", "jbstatus", "isroot", "isjailbreak", "isjb");
    }

    private ProfileFields() {
    }

    private static void high(String kind, String... names) {
        for (String n : names) {
            FIELDS.put(n, new Field(kind, Confidence.HIGH));
        }
    }

    private static void medium(String kind, String... names) {
        for (String n : names) {
            FIELDS.put(n, new Field(kind, Confidence.MEDIUM));
        }
    }

    /** What the field name says, or null when it names no part of the profile. */
    static Field of(String normalName) {
        return FIELDS.get(normalName);
    }
}
