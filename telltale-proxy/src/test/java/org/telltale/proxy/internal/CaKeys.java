package org.telltale.proxy.internal;

import java.lang.reflect.Method;
import java.security.PrivateKey;

import org.telltale.proxy.CertificateAuthority;

/** Reaches the CA's key, which the public API keeps inside the module, for handler tests. */
final class CaKeys {
    private CaKeys() {
    }

    static PrivateKey of(CertificateAuthority ca) throws Exception {
        Method m = CertificateAuthority.class.getDeclaredMethod("privateKey");
        m.setAccessible(true);
        return (PrivateKey) m.invoke(ca);
    }
}
