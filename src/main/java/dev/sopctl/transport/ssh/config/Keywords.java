package dev.sopctl.transport.ssh.config;

import java.util.Set;

/** The client keywords OpenSSH 9.x accepts (ssh_config(5)), lower-cased, including deprecated ones it still parses. */
final class Keywords {
    private Keywords() {}

    static final Set<String> KNOWN = Set.of(
            "host", "match", "include", "addkeystoagent", "addressfamily", "batchmode", "bindaddress",
            "bindinterface", "canonicaldomains", "canonicalizefallbacklocal", "canonicalizehostname",
            "canonicalizemaxdots", "canonicalizepermittedcnames", "casignaturealgorithms", "certificatefile",
            "channeltimeout", "checkhostip", "ciphers", "clearallforwardings", "compression", "connectionattempts",
            "connecttimeout", "controlmaster", "controlpath", "controlpersist", "dynamicforward",
            "enableescapecommandline", "enablesshkeysign", "escapechar", "exitonforwardfailure", "fingerprinthash",
            "forkafterauthentication", "forwardagent", "forwardx11", "forwardx11timeout", "forwardx11trusted",
            "gatewayports", "globalknownhostsfile", "gssapiauthentication", "gssapidelegatecredentials",
            "gssapikeyexchange", "gssapiclientidentity", "gssapiserveridentity", "gssapirenewalforcesrekey",
            "gssapitrustdns", "gssapikexalgorithms", "hashknownhosts", "hostbasedacceptedalgorithms",
            "hostbasedkeytypes", "hostbasedauthentication", "hostkeyalgorithms", "hostkeyalias", "hostname",
            "identitiesonly", "identityagent", "identityfile", "ignoreunknown", "ipqos", "kbdinteractiveauthentication",
            "kbdinteractivedevices", "kexalgorithms", "knownhostscommand", "localcommand", "localforward",
            "loglevel", "logverbose", "macs", "nohostauthenticationforlocalhost", "numberofpasswordprompts",
            "passwordauthentication", "permitlocalcommand", "permitremoteopen", "pkcs11provider", "port",
            "preferredauthentications", "proxycommand", "proxyjump", "proxyusefdpass", "pubkeyacceptedalgorithms",
            "pubkeyacceptedkeytypes", "pubkeyauthentication", "rekeylimit", "remotecommand", "remoteforward",
            "requesttty", "requiredrsasize", "revokedhostkeys", "securitykeyprovider", "sendenv",
            "serveralivecountmax", "serveraliveinterval", "sessiontype", "setenv", "stdinnull",
            "streamlocalbindmask", "streamlocalbindunlink", "stricthostkeychecking", "syslogfacility",
            "tcpkeepalive", "keepalive", "tag", "tunnel", "tunneldevice", "updatehostkeys", "user",
            "userknownhostsfile", "verifyhostkeydns", "visualhostkey", "xauthlocation", "challengeresponseauthentication",
            "skeyauthentication", "tisauthentication", "useroaming", "protocol", "cipher", "rsaauthentication",
            "rhostsrsaauthentication", "compressionlevel", "fallbacktorsh", "usersh", "useprivilegedport",
            "smartcarddevice", "obscurekeystroketiming", "pubkeyauthoptions");
}
